import { useId } from "react";

import type { BackdropColors } from "@/lib/market-api";

/** Colours when a backdrop has none: derived from its name, so one backdrop always looks the same. */
function fallbackColors(seed: string): Required<{ [K in keyof BackdropColors]: string }> {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return { center: `hsl(${h} 70% 68%)`, edge: `hsl(${h} 60% 38%)`, pattern: `hsl(${h} 55% 28%)`, text: "#ffffff" };
}

// Two rings of symbol glyphs around the centre, in a 100×100 box (positions precomputed: no trig per render).
const PATTERN: readonly [x: number, y: number, size: number][] = [
  [50, 9, 8], [79, 21, 8], [91, 50, 8], [79, 79, 8], [50, 91, 8], [21, 79, 8], [9, 50, 8], [21, 21, 8],
  [66, 13, 6], [87, 34, 6], [87, 66, 6], [66, 87, 6], [34, 87, 6], [13, 66, 6], [13, 34, 6], [34, 13, 6],
];

/**
 * A gift drawn by the app (no outside images): the backdrop as a radial gradient from its centre colour to
 * its edge colour, the symbol's glyph as a pattern around, the gift's glyph in the middle and, when
 * `showModel`, the model's name under it.
 */
export function GiftArt({
  glyph,
  symbolGlyph,
  modelName,
  backdropName,
  colors,
  showModel = false,
  className,
  label,
}: {
  glyph: string;
  symbolGlyph: string | null;
  modelName?: string;
  backdropName: string;
  colors: BackdropColors | null;
  showModel?: boolean;
  className?: string;
  label?: string;
}) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const fb = fallbackColors(backdropName);
  const center = colors?.center ?? fb.center;
  const edge = colors?.edge ?? fb.edge;
  const pattern = colors?.pattern ?? fb.pattern;
  const text = colors?.text ?? fb.text;
  return (
    <svg className={className ?? "gift-art"} viewBox="0 0 100 100" role="img" aria-label={label ?? `${modelName ?? ""} ${backdropName}`.trim()} data-testid="gift-art">
      <defs>
        <radialGradient id={`bg-${id}`} cx="50%" cy="45%" r="70%">
          <stop offset="0%" stopColor={center} />
          <stop offset="100%" stopColor={edge} />
        </radialGradient>
      </defs>
      <rect width="100" height="100" fill={`url(#bg-${id})`} />
      {symbolGlyph ? (
        <g opacity="0.28" fill={pattern} aria-hidden="true">
          {PATTERN.map(([x, y, size], i) => (
            <text key={i} x={x} y={y} fontSize={size} textAnchor="middle" dominantBaseline="central">
              {symbolGlyph}
            </text>
          ))}
        </g>
      ) : null}
      <text x="50" y={showModel && modelName ? 46 : 51} fontSize="38" textAnchor="middle" dominantBaseline="central" aria-hidden="true">
        {glyph}
      </text>
      {showModel && modelName ? (
        <text x="50" y="78" fontSize="7" fontWeight="600" textAnchor="middle" fill={text} opacity="0.92" aria-hidden="true">
          {modelName}
        </text>
      ) : null}
    </svg>
  );
}
