// requirement set: events
/**
 * A token for the add-in's meetings API without showing anything. The event runtime has no
 * windows or dialogs, and MSAL would not fit its budget, so it asks Office for the signed-in
 * person's token (OfficeRuntime.auth, single sign-on). It never waits long and never prompts:
 * when sign-in needs the person, it rejects and the handler says "Open the BlueJeans pane to sign in".
 */
interface OfficeRuntimeAuth {
  getAccessToken(options: {
    allowSignInPrompt: boolean;
    allowConsentPrompt: boolean;
    forMSGraphAccess: boolean;
  }): Promise<string>;
}

export const TOKEN_WAIT_MS = 10_000;

export class NoSilentToken extends Error {
  override readonly name = "NoSilentToken";
}

export function silentToken(): Promise<string> {
  const auth = (globalThis as { OfficeRuntime?: { auth?: OfficeRuntimeAuth } }).OfficeRuntime?.auth;
  if (!auth || typeof auth.getAccessToken !== "function") {
    return Promise.reject(new NoSilentToken("No single sign-on here."));
  }
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new NoSilentToken("Single sign-on timed out.")), TOKEN_WAIT_MS);
    auth
      .getAccessToken({ allowSignInPrompt: false, allowConsentPrompt: false, forMSGraphAccess: false })
      .then(
        (token) => {
          clearTimeout(timer);
          if (typeof token === "string" && token !== "") resolve(token);
          else reject(new NoSilentToken("Single sign-on gave no token."));
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new NoSilentToken(String(error)));
        },
      );
  });
}
