/** @jest-environment jsdom */
/**
 * The settings form tells the pane when the person changes anything, so nothing looked up replaces
 * it. Components run on preact/compat here, where onChange is the input event.
 */
import { fireEvent, render, screen } from "@testing-library/react";
import { SettingsForm } from "../../../../../src/addin/pages/taskpane/SettingsForm";

function form() {
  const edits: number[] = [];
  const saved: unknown[] = [];
  render(
    <SettingsForm
      initial={undefined}
      onEdit={() => edits.push(edits.length)}
      onSave={async (settings) => {
        saved.push(settings);
      }}
    />,
  );
  return { edits, saved };
}

test("nothing reported until the person changes a field; then each change is", () => {
  const { edits } = form();
  expect(edits).toHaveLength(0);
  fireEvent.input(screen.getByRole("textbox", { name: /Personal meeting ID/ }), {
    target: { value: "4" },
  });
  expect(edits).toHaveLength(1);
  fireEvent.input(screen.getByRole("textbox", { name: /Attendee passcode/ }), { target: { value: "1" } });
  fireEvent.click(screen.getByRole("checkbox", { name: /every meeting I organise/ }));
  expect(edits).toHaveLength(3);
});

test("saving what was typed is not an edit by itself", async () => {
  const { edits, saved } = form();
  fireEvent.input(screen.getByRole("textbox", { name: /Personal meeting ID/ }), {
    target: { value: "123456789" },
  });
  fireEvent.click(screen.getByRole("button", { name: "Save" }));
  await screen.findByRole("button", { name: "Save" });
  expect(saved).toEqual([{ personalRoom: { personalMeetingId: "123456789" }, autoAdd: undefined }]);
  expect(edits).toHaveLength(1);
});
