/** @jest-environment jsdom */
/** The settings form's offer of the personal meeting BlueJeans holds, and the hook that looks it up. */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useMemo } from "react";
import {
  PersonalRoomOffer,
  groupDigits,
  usePersonalRoomLookup,
  type PersonalRoomLookupState,
} from "../../../../../src/addin/pages/taskpane/PersonalRoomOffer";
import type { PersonalRoomLookupDeps } from "../../../../../src/addin/sources/personalRoomLookup";

// jsdom has no ResizeObserver; Fluent's MessageBar only needs it to exist here.
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoResizeObserver;

function offer(lookup: PersonalRoomLookupState) {
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

test("idle and sign-in problems show nothing (the consent section speaks for those)", () => {
  const { container } = render(
    <>
      <PersonalRoomOffer lookup={{ status: "idle" }} onUse={() => undefined} />
      <PersonalRoomOffer lookup={{ status: "sign-in", cause: new Error("x") }} onUse={() => undefined} />
    </>,
  );
  expect(container.textContent).toBe("");
});

test("groupDigits", () => {
  expect(groupDigits("4155550101")).toBe("415 555 0101");
  expect(groupDigits("12345")).toBe("12345");
});

function Probe({ deps }: { deps: PersonalRoomLookupDeps | undefined }) {
  const state = usePersonalRoomLookup(deps);
  return <output>{JSON.stringify(state)}</output>;
}

test("the hook waits for deps, then looks up once and reports the outcome", async () => {
  let calls = 0;
  const fakeFetch = (async () => {
    calls++;
    return { ok: true, status: 200, json: async () => ({ personalMeetingId: "4155550102" }) };
  }) as unknown as typeof fetch;
  function Page({ ready }: { ready: boolean }) {
    const deps = useMemo(
      () => (ready ? { apiBase: "", getToken: async () => "token", fetch: fakeFetch } : undefined),
      [ready],
    );
    return <Probe deps={deps} />;
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
