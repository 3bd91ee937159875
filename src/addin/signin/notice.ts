/**
 * How the consent callback page tells the pane that an approval came back: as a dialog message
 * (messageParent) and under a localStorage key the pane watches with the "storage" event.
 */
export const CONSENT_NOTICE_KEY = "bluejeans.consent.notice";

export interface ConsentNotice {
  type: "bluejeans-consent";
  outcome: "granted" | "failed" | "invalid";
  appId?: string;
  at: number;
}
