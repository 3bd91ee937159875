/**
 * Office's theme: in a dark Office the pane is dark, and its text stays readable.
 */
import { expect, test, WITHOUT_BLUEJEANS, type Workbench } from "./workbench";

// First runs here keep the settings form: the person signed in has no BlueJeans account to look up.
test.use({ mailboxUser: WITHOUT_BLUEJEANS });

/** "rgb(r, g, b)" / "rgba(r, g, b, a)" → [r, g, b, a]. */
function parseColor(css: string): [number, number, number, number] {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?\s*\)$/.exec(css);
  if (!m) throw new Error(`Unexpected colour ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
}

/** WCAG relative luminance. */
function luminance(css: string): number {
  const [r, g, b] = parseColor(css).map((v, i) => {
    if (i === 3) return v;
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (la + 0.05) / (lb + 0.05);
}

interface PaneColours {
  background: string;
  text: string;
  heading: string;
  providerHeight: number;
  viewportHeight: number;
  colorScheme: string;
}

async function paneColours(wb: Workbench): Promise<PaneColours> {
  const provider = wb.pane.locator(".fui-FluentProvider").first();
  const heading = await wb.pane
    .getByRole("heading", { name: "BlueJeans meeting" })
    .evaluate((el) => getComputedStyle(el).color);
  return provider.evaluate(
    (el, headingColor) => ({
      background: getComputedStyle(el).backgroundColor,
      text: getComputedStyle(el).color,
      heading: headingColor,
      providerHeight: el.getBoundingClientRect().height,
      viewportHeight: window.innerHeight,
      colorScheme: getComputedStyle(document.documentElement).colorScheme,
    }),
    heading,
  );
}

test("dark theme: the pane's background is dark and its text light and readable", async ({ wb }) => {
  await wb.open({ theme: "dark", appointment: { body: "<div>Agenda</div>" } });
  await expect(wb.page.locator("html")).toHaveAttribute("data-theme", "dark");
  const c = await paneColours(wb);
  expect(parseColor(c.background)[3], "opaque background").toBe(1);
  expect(luminance(c.background), `background ${c.background}`).toBeLessThan(0.05);
  expect(luminance(c.text), `text ${c.text}`).toBeGreaterThan(0.7);
  expect(contrast(c.text, c.background)).toBeGreaterThanOrEqual(7);
  expect(contrast(c.heading, c.background)).toBeGreaterThanOrEqual(7);
  expect(c.colorScheme).toBe("dark");
  // The dark surface fills the pane: no light strip below the content.
  expect(c.providerHeight).toBeGreaterThanOrEqual(c.viewportHeight);

  // Field hints are the dimmest text in the pane.
  const hint = await wb.pane
    .getByText("Optional. Leave empty if your room has none.")
    .evaluate((el) => getComputedStyle(el).color);
  expect(contrast(hint, c.background), `hint ${hint}`).toBeGreaterThanOrEqual(4.5);

  // Still dark in the other views.
  await wb.configureRoom();
  await wb.add();
  const added = await paneColours(wb);
  expect(added.background).toBe(c.background);
  const link = await wb.pane.getByRole("link").evaluate((el) => getComputedStyle(el).color);
  expect(contrast(link, c.background), `link ${link}`).toBeGreaterThanOrEqual(4.5);
});

test("light theme: the pane is light", async ({ wb }) => {
  await wb.open({ theme: "light" });
  const c = await paneColours(wb);
  expect(luminance(c.background), `background ${c.background}`).toBeGreaterThan(0.9);
  expect(contrast(c.text, c.background)).toBeGreaterThanOrEqual(7);
  expect(c.colorScheme).toBe("light");
});

test("the pane follows a theme change when it is opened again", async ({ wb }) => {
  await wb.open({ theme: "light" });
  await wb.setTheme("dark");
  await wb.closeTaskPane();
  await wb.openTaskPane();
  expect(luminance((await paneColours(wb)).background)).toBeLessThan(0.05);
});
