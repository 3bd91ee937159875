/**
 * Draws the add-in's icons and writes them to assets/:
 * - icon-{16,32,64,80,128}.png: a blue rounded square with a white video camera (ribbon, add-in lists);
 * - icon-mobile-{25,32,48}-{1,2,3}x.png: the camera alone in the greyscale #919191 that Outlook
 *   mobile asks for, at each size and scale of the online-meeting button (25 px at scale 2 is 50 px);
 * - icon-color-192.png and icon-outline-32.png (a white camera on transparent): the app-package
 *   icons of the unified manifest (manifest.json).
 *
 * Run with: npx tsx tools/make-icons.ts [output dir, default assets]
 *
 * Shapes are described in a 0..1 unit square and every pixel is sampled on a SAMPLES x SAMPLES
 * grid, so edges are anti-aliased at every size.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PNG } from "pngjs";
import { PACKAGE_ICONS, PACKAGE_ICON_SIZES } from "./manifest/unifiedManifest";
import { MOBILE_ICON_GREY, MOBILE_ICON_SCALES, MOBILE_ICON_SIZES } from "./manifest/validateMobile";

const ICON_SIZES = [16, 32, 64, 80, 128] as const;

/** File name of the mobile icon for a size and scale, e.g. `icon-mobile-25-2x.png` (50 px). */
export function mobileIconFile(size: number, scale: number): string {
  return `icon-mobile-${size}-${scale}x.png`;
}

const SAMPLES = 8;

interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** Top and bottom of the background's vertical gradient (around #2B6FD6). */
const BLUE_TOP: Rgb = { r: 0x3a, g: 0x80, b: 0xe4 };
const BLUE_BOTTOM: Rgb = { r: 0x22, g: 0x62, b: 0xc8 };
const WHITE: Rgb = { r: 0xff, g: 0xff, b: 0xff };

/** True when (x, y) lies inside the rectangle [x0, x1] x [y0, y1] with corners rounded by radius. */
function inRoundedRect(
  x: number,
  y: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  radius: number,
): boolean {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + radius), x1 - radius);
  const cy = Math.min(Math.max(y, y0 + radius), y1 - radius);
  const dx = x - cx;
  const dy = y - cy;
  return dx * dx + dy * dy <= radius * radius;
}

/** Where the camera sits, in the unit square. */
interface CameraGeometry {
  body: { x0: number; y0: number; x1: number; y1: number; radius: number };
  /** Lens hood: a trapezoid centred on y = 0.5, from x0 (half height h0) to x1 (half height h1). */
  lens: { x0: number; x1: number; h0: number; h1: number };
}

const CAMERA: CameraGeometry = {
  body: { x0: 0.17, y0: 0.31, x1: 0.62, y1: 0.69, radius: 0.07 },
  lens: { x0: 0.58, x1: 0.84, h0: 0.08, h1: 0.19 },
};

/** At 16 px the edges are snapped to whole pixels so the small icon stays crisp. */
const CAMERA_16: CameraGeometry = {
  body: { x0: 2 / 16, y0: 5 / 16, x1: 9 / 16, y1: 11 / 16, radius: 1 / 16 },
  lens: { x0: 9 / 16, x1: 14 / 16, h0: 1 / 16, h1: 3.5 / 16 },
};

function inBackground(x: number, y: number): boolean {
  return inRoundedRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.2);
}

function inCamera(x: number, y: number, camera: CameraGeometry): boolean {
  const { body, lens } = camera;
  if (inRoundedRect(x, y, body.x0, body.y0, body.x1, body.y1, body.radius)) return true;
  if (x < lens.x0 || x > lens.x1) return false;
  const t = (x - lens.x0) / (lens.x1 - lens.x0);
  return Math.abs(y - 0.5) <= lens.h0 + t * (lens.h1 - lens.h0);
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return { r: a.r + (b.r - a.r) * t, g: a.g + (b.g - a.g) * t, b: a.b + (b.b - a.b) * t };
}

/** The colour at (x, y) of the unit square, or undefined where the icon is transparent. */
type Paint = (x: number, y: number, camera: CameraGeometry) => Rgb | undefined;

/** The full-colour icon: a blue gradient square with a white camera. */
const colourIcon: Paint = (x, y, camera) => {
  if (!inBackground(x, y)) return undefined;
  return inCamera(x, y, camera) ? WHITE : mix(BLUE_TOP, BLUE_BOTTOM, y);
};

const GREY: Rgb = { r: MOBILE_ICON_GREY, g: MOBILE_ICON_GREY, b: MOBILE_ICON_GREY };

/** The mobile icon: the camera alone, grey on transparent, so only its alpha varies. */
const greyCamera: Paint = (x, y, camera) => (inCamera(x, y, camera) ? GREY : undefined);

/** The package outline icon: the camera alone, white on transparent. */
const whiteCamera: Paint = (x, y, camera) => (inCamera(x, y, camera) ? WHITE : undefined);

/** Renders an icon at size x size pixels and returns the PNG file bytes. */
function renderIcon(size: number, paint: Paint = colourIcon): Buffer {
  const png = new PNG({ width: size, height: size });
  const sampleCount = SAMPLES * SAMPLES;
  const camera = size <= 16 ? CAMERA_16 : CAMERA;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Premultiplied sums over the sub-samples of this pixel.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          const colour = paint(x, y, camera);
          if (colour === undefined) continue;
          r += colour.r;
          g += colour.g;
          b += colour.b;
          a += 1;
        }
      }
      const offset = (py * size + px) * 4;
      png.data[offset] = a === 0 ? 0 : Math.round(r / a);
      png.data[offset + 1] = a === 0 ? 0 : Math.round(g / a);
      png.data[offset + 2] = a === 0 ? 0 : Math.round(b / a);
      png.data[offset + 3] = Math.round((a / sampleCount) * 255);
    }
  }
  return PNG.sync.write(png);
}

/** Every icon file the add-in ships, by file name. */
export function renderAllIcons(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const size of ICON_SIZES) files.set(`icon-${size}.png`, renderIcon(size));
  const fileName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);
  files.set(fileName(PACKAGE_ICONS.color), renderIcon(PACKAGE_ICON_SIZES.color));
  files.set(fileName(PACKAGE_ICONS.outline), renderIcon(PACKAGE_ICON_SIZES.outline, whiteCamera));
  for (const size of MOBILE_ICON_SIZES) {
    for (const scale of MOBILE_ICON_SCALES) {
      files.set(mobileIconFile(size, scale), renderIcon(size * scale, greyCamera));
    }
  }
  return files;
}

function main(): void {
  const outDir = resolve(process.argv[2] ?? "assets");
  mkdirSync(outDir, { recursive: true });
  for (const [name, bytes] of renderAllIcons()) {
    const file = join(outDir, name);
    writeFileSync(file, bytes);
    console.log(`wrote ${file}`);
  }
}

if (require.main === module) main();
