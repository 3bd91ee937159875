/**
 * The appointment's location line: we add the join URL next to what the user typed and later
 * take out exactly our part, never the user's.
 */

const SEPARATOR = "; ";

/** Empty location: the URL alone. Already there: unchanged. Otherwise "{location}; {url}". */
export function addJoinUrlToLocation(location: string, joinUrl: string): string {
  if (!joinUrl || findUrl(location, joinUrl)) return location;
  return location.trim() === "" ? joinUrl : `${location}${SEPARATOR}${joinUrl}`;
}

/** Removes "; url", "url; " or a lone url (also written with `&amp;`); the user's text stays as it was. */
export function removeJoinUrlFromLocation(location: string, joinUrl: string): string {
  if (!joinUrl) return location;
  let result = location;
  for (let cut = findOurPart(result, joinUrl); cut; cut = findOurPart(result, joinUrl)) {
    result = result.slice(0, cut.start) + result.slice(cut.end);
  }
  return result;
}

/** Swaps our old URL for the new one where it stands; without the old URL the user's location is left alone. */
export function replaceJoinUrlInLocation(location: string, oldUrl: string, newUrl: string): string {
  if (oldUrl === newUrl) return location;
  const found = oldUrl ? findUrl(location, oldUrl) : undefined;
  if (!found) return location;
  if (findUrl(location, newUrl)) return removeJoinUrlFromLocation(location, oldUrl);
  return location.slice(0, found.start) + newUrl + location.slice(found.end);
}

interface Span {
  start: number;
  end: number;
}

/** The first place the URL stands as a whole item, written plain or with `&` as `&amp;`. */
function findUrl(location: string, url: string): Span | undefined {
  return urlSpans(location, url)[0];
}

/** The first occurrence that carries the separator we added (or stands alone), as the span to cut. */
function findOurPart(location: string, url: string): Span | undefined {
  for (const span of urlSpans(location, url)) {
    const part = ourPart(location, span);
    if (part) return part;
  }
  return undefined;
}

function urlSpans(location: string, url: string): Span[] {
  const spans: Span[] = [];
  for (const form of urlForms(url)) {
    for (let at = location.indexOf(form); at >= 0; at = location.indexOf(form, at + 1)) {
      const span = { start: at, end: at + form.length };
      if (isWholeItem(location, span)) spans.push(span);
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

function urlForms(url: string): string[] {
  const escaped = url.replace(/&/g, "&amp;");
  return escaped === url ? [url] : [url, escaped];
}

/** Not part of a longer URL: bounded by the ends, whitespace, ";" or ",". */
function isWholeItem(location: string, span: Span): boolean {
  const before = location[span.start - 1];
  const after = location[span.end];
  const boundary = (ch: string | undefined): boolean => ch === undefined || /[\s;,]/.test(ch);
  return boundary(before) && boundary(after);
}

/** The URL with the separator we added: "; url" first, then "url; ", then the URL alone when nothing else is there. */
function ourPart(location: string, url: Span): Span | undefined {
  const before = location.slice(0, url.start);
  const after = location.slice(url.end);
  const leading = /;\s*$/.exec(before);
  if (leading) return { start: url.start - leading[0].length, end: url.end };
  const trailing = /^;\s*/.exec(after);
  if (trailing) return { start: url.start, end: url.end + trailing[0].length };
  if (before.trim() === "" && after.trim() === "") return { start: 0, end: location.length };
  return undefined;
}
