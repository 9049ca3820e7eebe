import type { Browser } from 'playwright-core'
import { chromium } from 'playwright-core'

/**
 * Debian's chromium, headless. The network flags matter on a closed machine: without them
 * Chromium keeps dialling Google's hosts at start and between pages.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
]

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true })
}
