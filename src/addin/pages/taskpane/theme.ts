import type { OfficeThemeColors } from "../../host/ports";

/** Relative luminance of a #rrggbb colour; Office reports its theme as such colours. */
function luminance(hex: string): number | undefined {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return undefined;
  const [r, g, b] = match.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Dark when Office's body background is dark; light when unknown. */
export function isDarkTheme(theme: OfficeThemeColors | undefined): boolean {
  const l = theme ? luminance(theme.bodyBackgroundColor) : undefined;
  return l !== undefined && l < 0.2;
}
