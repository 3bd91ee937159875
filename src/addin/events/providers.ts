/**
 * Another meeting provider's join details in an appointment (Teams, Zoom, Webex, Google Meet):
 * the automatic add leaves such appointments alone, so nobody gets two ways to join.
 */
const PROVIDERS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  {
    name: "Microsoft Teams",
    pattern: /\bhttps?:\/\/(?:teams\.microsoft\.com\/(?:l\/meetup-join|meet)\/|teams\.live\.com\/meet\/)/i,
  },
  { name: "Zoom", pattern: /\bhttps?:\/\/(?:[a-z0-9-]+\.)?zoom(?:gov)?\.us\/(?:j|my|w|s)\//i },
  {
    name: "Webex",
    pattern: /\bhttps?:\/\/[a-z0-9-]+\.webex\.com\/(?:meet\/|join\/|[a-z0-9-]+\/j\.php|wbxmjs\/joinservice)/i,
  },
  { name: "Google Meet", pattern: /\bhttps?:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}\b/i },
];

/** The provider whose join link appears in the text, if any. */
export function otherProvider(...texts: string[]): string | undefined {
  for (const text of texts) {
    for (const provider of PROVIDERS) if (provider.pattern.test(text)) return provider.name;
  }
  return undefined;
}
