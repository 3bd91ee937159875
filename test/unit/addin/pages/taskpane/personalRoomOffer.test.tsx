/** @jest-environment jsdom */
/** The settings form's offer of the personal meeting BlueJeans holds, and the hook that looks it up. */
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useMemo, useReducer } from "react";
import {
  PersonalRoomOffer,
  SIGN_IN_NEEDED,
  groupDigits,
} from "../../../../../src/addin/pages/taskpane/PersonalRoomOffer";
import { useRoomLookup } from "../../../../../src/addin/pages/taskpane/personalRoomLookup";
import {
  initialPaneState,
  paneReducer,
  type RoomLookupState,
} from "../../../../../src/addin/pages/taskpane/state";

// jsdom has no ResizeObserver; Fluent's MessageBar only needs it to exist here.
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoResizeObserver;

function offer(lookup: RoomLookupState) {
  const used: unknown[] = [];
  render(<PersonalRoomOffer lookup={lookup} onUse={(room) => used.push(room)} />);
  return used;
}

test("a found room is shown grouped for reading, and Use it hands it over", () => {
  const used = offer({
    status: "found",
    room: { personalMeetingId: "4155550101", attendeePasscode: "1234" },
  });
  expect(screen.getByText("BlueJeans has your personal meeting")).toBeTruthy();
  expect(screen.getByRole("status").textContent).toContain("Meeting ID 415 555 0101, passcode 1234.");
  fireEvent.click(screen.getByRole("button", { name: "Use it" }));
  expect(used).toEqual([{ personalMeetingId: "4155550101", attendeePasscode: "1234" }]);
});

test("no account: the server's message and the way on (typing it)", () => {
  offer({ status: "no-account", message: "No BlueJeans account in your company uses sam@contoso.example." });
  expect(screen.getByText("Type your personal meeting ID below")).toBeTruthy();
  expect(screen.getByRole("status").textContent).toContain("sam@contoso.example");
  expect(screen.queryByRole("button")).toBeNull();
});

test("BlueJeans unavailable, or signing in again needed: a short message, and typing is the way", () => {
  offer({ status: "unavailable", message: "BlueJeans did not answer in time." });
  expect(screen.getByRole("status").textContent).toContain("BlueJeans did not answer in time.");
  expect(screen.getByRole("status").textContent).toContain("Type your personal meeting ID below");
  cleanup();
  offer({ status: "sign-in", cause: new Error("interaction_required") });
  expect(screen.getByRole("status").textContent).toContain(SIGN_IN_NEEDED);
  expect(screen.queryByRole("button")).toBeNull();
});

test("idle shows nothing", () => {
  const { container } = render(<PersonalRoomOffer lookup={{ status: "idle" }} onUse={() => undefined} />);
  expect(container.textContent).toBe("");
});

test("groupDigits", () => {
  expect(groupDigits("4155550101")).toBe("415 555 0101");
  expect(groupDigits("12345")).toBe("12345");
});

test("the hook waits for deps, then looks up once and reports start and outcome to the model", async () => {
  let calls = 0;
  const fakeFetch = (async () => {
    calls++;
    return { ok: true, status: 200, json: async () => ({ personalMeetingId: "4155550102" }) };
  }) as unknown as typeof fetch;
  function Page({ ready }: { ready: boolean }) {
    const [state, dispatch] = useReducer(paneReducer, undefined, initialPaneState);
    const deps = useMemo(
      () => (ready ? { apiBase: "", getToken: async () => "token", fetch: fakeFetch } : undefined),
      [ready],
    );
    useRoomLookup(deps, dispatch);
    return <output>{JSON.stringify(state.roomLookup)}</output>;
  }
  const view = render(<Page ready={false} />);
  expect(screen.getByRole("status").textContent).toBe('{"status":"idle"}');
  await act(async () => {
    view.rerender(<Page ready />);
  });
  await waitFor(() =>
    expect(JSON.parse(screen.getByRole("status").textContent ?? "")).toEqual({
      status: "found",
      room: { personalMeetingId: "4155550102" },
    }),
  );
  await act(async () => {
    view.rerender(<Page ready />);
  });
  expect(calls).toBe(1);
});
