/** Conformance cases: object names are data, never paths; invalid names are refused. */
import { describe, expect, it } from 'vitest'
import type { SuiteContext } from './testing.js'
import { bodyText, errorCode, trickyKeys, utf8 } from './testing-helpers.js'


export function defineKeyCases(context: SuiteContext): void {
  describe('object names', () => {
    it('keeps every tricky name as its own object, listed exactly as written', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('keys')
      const TRICKY_KEYS = trickyKeys(context.options.maxKeyBytes)
      for (const [i, key] of TRICKY_KEYS.entries()) await storage.put(bucket, key, utf8(`body-${i}`))
      for (const [i, key] of TRICKY_KEYS.entries()) {
        expect(await bodyText(await storage.get(bucket, key)), JSON.stringify(key)).toBe(`body-${i}`)
      }
      const listed: string[] = []
      let cursor: string | undefined
      do {
        const page = await storage.list(bucket, { maxKeys: 7, ...(cursor ? { cursor } : {}) })
        listed.push(...page.objects.map((o) => o.key))
        cursor = page.nextCursor
      } while (cursor)
      expect(new Set(listed)).toEqual(new Set(TRICKY_KEYS))
      expect(listed.length).toBe(TRICKY_KEYS.length)
      // deleting one never touches its look-alikes
      await storage.delete(bucket, 'key')
      expect(await storage.head(bucket, 'key')).toBeNull()
      expect(await bodyText(await storage.get(bucket, 'Key'))).toBe(`body-${TRICKY_KEYS.indexOf('Key')}`)
      expect(await bodyText(await storage.get(bucket, 'caf\u00e9'))).toBe(`body-${TRICKY_KEYS.indexOf('caf\u00e9')}`)
    })

    it('refuses invalid names with InvalidObjectName', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('badkeys')
      const bad = ['', '/abs', '\\abs', 'nul\0byte', 'x'.repeat(1024), '\u00e9'.repeat(512), 'lone\ud800', '.imgproc/styles/x', '.', '..']
      for (const key of bad) {
        const label = JSON.stringify(key.slice(0, 20))
        expect(await errorCode(storage.put(bucket, key, utf8('x'))), label).toBe('InvalidObjectName')
        expect(await errorCode(storage.get(bucket, key)), label).toBe('InvalidObjectName')
        expect(await errorCode(storage.head(bucket, key)), label).toBe('InvalidObjectName')
        expect(await errorCode(storage.delete(bucket, key)), label).toBe('InvalidObjectName')
      }
      expect((await storage.list(bucket)).objects).toEqual([])
    })
  })
}
