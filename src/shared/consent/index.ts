/** Consent core: configuration, admin-consent links, error classification, remedies, callback. */
export * from "./config";
export * from "./adminConsentUrl";
export * from "./classify";
export * from "./remedies";
export * from "./callback";
export { isGuid, isDomainName, tenantProblem, CONSUMER_TENANT_ID } from "./validate";
