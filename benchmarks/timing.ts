/** Timing shared by the codecs benchmarks: median of `runs` runs after one warm-up. */
export async function median(task: () => Promise<unknown>, runs: number): Promise<number> {
  await task()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await task()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}
