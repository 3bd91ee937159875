/**
 * What the admin-consent callback page says for each result, in plain words. Text only: the page
 * puts it into the document with textContent, so nothing from the address can become markup.
 */
import type { ConsentCallbackResult } from "../../../shared/consent/callback";

export interface CallbackView {
  tone: "success" | "error" | "warning";
  heading: string;
  paragraphs: string[];
  /** Technical details for whoever investigates (the error code and Microsoft's text). */
  details?: string;
}

const MAX_DETAIL = 600;
const GO_BACK = "You can close this window and go back to Outlook.";

function clip(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

export function describeCallback(result: ConsentCallbackResult, appName?: string): CallbackView {
  const app = appName ?? "BlueJeans";
  switch (result.outcome) {
    case "granted":
      return {
        tone: "success",
        heading: `${app} is approved`,
        paragraphs: [
          `${app} may now read and update calendars in your organisation (organisation ID ${result.tenant}).`,
          "Nobody in your organisation needs to approve it again. If another BlueJeans app is listed in the add-in, it needs its own approval.",
          GO_BACK,
        ],
      };
    case "failed":
      return failedView(result, app);
    case "invalid":
      return invalidView(result.code);
  }
}

function failedView(
  result: Extract<ConsentCallbackResult, { outcome: "failed" }>,
  app: string,
): CallbackView {
  const details = clip(`${result.error}${result.description ? `: ${result.description}` : ""}`);
  const view = (heading: string, ...paragraphs: string[]): CallbackView => ({
    tone: "error",
    heading,
    paragraphs,
    details,
  });
  switch (result.kind) {
    case "consentDeclined":
    case "cancelled":
      return view(
        `${app} was not approved`,
        "The permissions were not accepted on Microsoft's page, so nothing changed.",
        "To approve it, open the approval link again, sign in with an administrator account and select Accept.",
      );
    case "adminConsentRequired":
    case "adminApprovalPending":
      return view(
        "This account cannot approve apps for the organisation",
        "Approving an app for everyone needs an administrator role: Global Administrator, Privileged Role Administrator, Application Administrator or Cloud Application Administrator.",
        "Open the approval link again and sign in with an account that has one of these roles, or send the link to someone who does.",
      );
    case "wrongAccount":
      return view(
        "Use a work or school administrator account",
        "The account used does not belong to an organisation that can approve apps, for example a personal account.",
        "Open the approval link again and sign in with your organisation's administrator account.",
      );
    case "blockedByPolicy":
      return view(
        "A sign-in rule of your organisation stopped the approval",
        "A security policy (for example Conditional Access) did not allow this sign-in. Trying again from the same place gives the same result.",
        "Check the sign-in logs in the Microsoft Entra admin center for the policy that applied, or approve from a device the policy allows.",
      );
    case "appNotInTenant":
    case "configurationError":
      return view(
        "The approval link does not match the app's registration",
        `Microsoft could not match the link to ${app} as it is registered. This is a setup problem of the link, not of your organisation.`,
        "Send the details below to whoever set up BlueJeans for your organisation, or to BlueJeans support.",
      );
    default:
      return view(
        `Microsoft did not approve ${app}`,
        "Microsoft's page reported a problem, shown in the details below.",
        "Try the approval link again. If it keeps failing, send the details to BlueJeans support.",
      );
  }
}

function invalidView(code: Extract<ConsentCallbackResult, { outcome: "invalid" }>["code"]): CallbackView {
  switch (code) {
    case "empty":
      return {
        tone: "warning",
        heading: "No approval result here",
        paragraphs: [
          "This page shows the result of approving BlueJeans for an organisation, but it was opened without one.",
          "To approve BlueJeans, use the approval link in the BlueJeans add-in in Outlook.",
        ],
      };
    case "missingState":
    case "unknownState":
      return {
        tone: "warning",
        heading: "This result cannot be confirmed here",
        paragraphs: [
          "The result does not belong to an approval started in this browser, or it was already shown once, or the link is more than 15 minutes old. For your safety it is not trusted.",
          "If Microsoft's page said the approval worked, it is done: go back to Outlook and select Check Microsoft 365 access. Otherwise open a fresh approval link from the add-in.",
        ],
      };
    default:
      return {
        tone: "warning",
        heading: "This result could not be read",
        paragraphs: [
          "The address of this page is incomplete or damaged, so it does not tell whether the approval worked.",
          "Open a fresh approval link from the BlueJeans add-in and try again.",
        ],
      };
  }
}
