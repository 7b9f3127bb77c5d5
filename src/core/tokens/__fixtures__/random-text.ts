/** Deterministic mixed text (English, code, CJK, emoji, odd whitespace) for property-style tests. */
const PIECES = [
  'the', 'quick', 'brown', 'fox', 'tokenization', 'antidisestablishmentarianism', 'budget', 'ledger', 'cost',
  'const x = await fetch(url);', '{"a": [1, 2, 3]}', '=>', '\n', '\n\n', '\t', '  ', '...', '—', 'é', 'naïve',
  'お誕生日', 'おめでとう', '中文字符', '🦊', '👩‍💻', '🇫🇷', 'Ωμέγα', 'العربية', '123456789', '3.14159', '<|endoftext|>',
];

/** A pseudo-random text of about `words` pieces, the same for the same seed. */
export function randomText(seed: number, words: number): string {
  let state = seed >>> 0;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(PIECES[Math.floor(next() * PIECES.length)]!, next() < 0.8 ? ' ' : '');
  return out.join('');
}
