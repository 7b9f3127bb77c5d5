let current: [string, number][] = [];
const stats = new Map<string, number[]>();
let count = 0;
export function mark(name: string | number): void {
  const t = Number(process.hrtime.bigint() % 1_000_000_000_000n) / 1000;
  if (name === 0) current = [];
  current.push([String(name), t]);
}
export function done(): void {
  for (let i = 1; i < current.length; i++) {
    const key = `${current[i - 1]![0]}→${current[i]![0]}`;
    let list = stats.get(key);
    if (!list) stats.set(key, (list = []));
    list.push(current[i]![1] - current[i - 1]![1]);
  }
  current = [];
  if (++count % 1000 === 0) {
    const out: string[] = [];
    for (const [key, list] of stats) { list.sort((a, b) => a - b); if (list.length > 100) out.push(`${key}: ${list[Math.floor(list.length / 2)]!.toFixed(1)}`); }
    console.log('PROBE', out.join('  '));
    stats.clear();
  }
}
