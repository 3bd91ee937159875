/**
 * A token for the add-in's meetings API outside the task pane (the one-click command), got
 * without showing anything where Outlook offers nested app authentication (NestedAppAuth 1.1):
 * from MSAL's nestable client through Outlook's bridge, the same way the pane gets it, or from
 * Office's single sign-on when this page has no bridge after all. Where NestedAppAuth is not
 * offered the caller asks Office's single sign-on itself and never loads this module.
 * It never prompts and never waits long: when the person has to sign in, it rejects, and the
 * caller says "Open the BlueJeans pane to sign in" with nothing written.
 *
 * MSAL is large, so this module is imported only on the path that needs such a token (a
 * scheduled meeting); the personal room never loads it.
 */
import { apiScopeFor } from "../../shared/consent/config";
import { createAuth, type AuthDeps, type AuthEnvironment } from "./index";
import { loadAddinConfig, type FetchLike } from "./loadConfig";

/** How long the whole silent attempt may take before the caller gives up. */
export const SILENT_TOKEN_WAIT_MS = 10_000;

export class NoSilentToken extends Error {
  override readonly name = "NoSilentToken";
}

/** Where Office reports NestedAppAuth 1.1 (the caller checks, so MSAL loads only there). */
export interface SilentTokenEnv {
  /** The add-in's origin, e.g. https://addin.example.com (its API audience names this host). */
  origin: string;
  /** The mailbox's address, so the right person is chosen without asking. */
  loginHint?: string;
  /** Office's single sign-on, used when this page has no bridge after all. */
  officeToken(): Promise<string>;
}

export interface SilentTokenDeps extends AuthDeps {
  fetchConfig?: FetchLike;
  waitMs?: number;
}

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new NoSilentToken("Sign-in did not answer in time.")), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function naaToken(env: SilentTokenEnv, deps: SilentTokenDeps): Promise<string> {
  const loaded = await loadAddinConfig(deps.fetchConfig);
  if (!loaded.ok) throw new NoSilentToken(loaded.reason);
  const authEnv: AuthEnvironment = {
    naaSupported: true,
    origin: env.origin,
    ...(env.loginHint ? { loginHint: env.loginHint } : {}),
  };
  const auth = createAuth(loaded.config, authEnv, deps);
  // Without Outlook's bridge the nestable client would be a standard one, which cannot get a
  // token silently here (no cached sign-in in this page): Office's single sign-on is the way then.
  if (auth.mode !== "naa") return env.officeToken();
  const host = new URL(env.origin).host;
  return auth.getApiToken([apiScopeFor(host, loaded.config.clientId)]);
}

export function silentApiToken(env: SilentTokenEnv, deps: SilentTokenDeps = {}): Promise<string> {
  return withinTime(naaToken(env, deps), deps.waitMs ?? SILENT_TOKEN_WAIT_MS);
}
