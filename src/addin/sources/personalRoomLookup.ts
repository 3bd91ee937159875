/**
 * Asks the add-in's server for the signed-in person's personal BlueJeans meeting
 * (GET /api/personal-meeting), so the settings form can offer it instead of making them type it.
 *
 * Never throws: every outcome is a value the pane can show. What the server answers goes through
 * the same validation as what a person types, so nothing unchecked reaches the settings.
 */
import { PERSONAL_MEETING_PATH } from "../../shared/api/personalMeeting";
import { validatePersonalRoom, type PersonalRoomSettings } from "../settings/settings";

export type PersonalRoomLookup =
  /** BlueJeans holds this personal meeting for the person. */
  | { status: "found"; room: PersonalRoomSettings }
  /** The person has no BlueJeans account the server can find: typing it in is the way. */
  | { status: "no-account"; message: string }
  /** No token for the add-in's API (not signed in, consent missing): the pane's sign-in remedies apply. */
  | { status: "sign-in"; cause: unknown }
  /** The server or BlueJeans could not answer now; the message says why. */
  | { status: "unavailable"; message: string };

export interface PersonalRoomLookupDeps {
  /** Origin of the add-in's server; "" for the page's own. */
  apiBase: string;
  /** A token for the add-in's API. */
  getToken(): Promise<string>;
  fetch?: typeof fetch;
}

const UNAVAILABLE = "Your personal meeting could not be looked up in BlueJeans just now.";

async function messageOf(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { message?: unknown };
    return typeof body.message === "string" ? body.message.slice(0, 300) : undefined;
  } catch {
    return undefined;
  }
}

export async function lookUpPersonalRoom(deps: PersonalRoomLookupDeps): Promise<PersonalRoomLookup> {
  let token: string;
  try {
    token = await deps.getToken();
  } catch (cause) {
    return { status: "sign-in", cause };
  }
  const doFetch = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let response: Response;
  try {
    response = await doFetch(`${deps.apiBase}${PERSONAL_MEETING_PATH}`, {
      headers: { authorization: `Bearer ${token}` },
      cache: "no-store",
    });
  } catch {
    return { status: "unavailable", message: "The BlueJeans add-in's server could not be reached." };
  }
  if (response.status === 401)
    return { status: "sign-in", cause: new Error((await messageOf(response)) ?? "401") };
  if (response.status === 403) {
    return { status: "no-account", message: (await messageOf(response)) ?? "You have no BlueJeans account." };
  }
  if (!response.ok) return { status: "unavailable", message: (await messageOf(response)) ?? UNAVAILABLE };
  const body: unknown = await response.json().catch(() => undefined);
  const id =
    typeof body === "object" && body !== null
      ? (body as Record<string, unknown>).personalMeetingId
      : undefined;
  const passcode =
    typeof body === "object" && body !== null
      ? (body as Record<string, unknown>).attendeePasscode
      : undefined;
  if (typeof id !== "string" || (passcode !== undefined && typeof passcode !== "string")) {
    return { status: "unavailable", message: UNAVAILABLE };
  }
  const checked = validatePersonalRoom({ personalMeetingId: id, attendeePasscode: passcode ?? "" });
  return checked.ok
    ? { status: "found", room: checked.value }
    : { status: "unavailable", message: UNAVAILABLE };
}
