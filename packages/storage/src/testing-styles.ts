/** Conformance cases: image styles (spec section 6). */
import { describe, expect, it } from 'vitest'
import type { SuiteContext } from './testing.js'
import { errorCode } from './testing-helpers.js'

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

export function defineStyleCases(context: SuiteContext): void {
  describe('styles', () => {
    it('puts, gets, overwrites (keeping the creation time) and deletes a style', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('styles')
      expect(await storage.getStyle(bucket, 'thumb')).toBeNull()
      const first = await storage.putStyle(bucket, { name: 'thumb', content: 'image/resize,w_100' })
      expect(first).toMatchObject({ name: 'thumb', content: 'image/resize,w_100', category: 'image' })
      expect(first.createdAt).toBeInstanceOf(Date)
      expect(await storage.getStyle(bucket, 'thumb')).toEqual(first)
      await tick()
      const second = await storage.putStyle(bucket, { name: 'thumb', content: 'image/resize,w_200' })
      expect(second.content).toBe('image/resize,w_200')
      expect(second.createdAt.getTime()).toBe(first.createdAt.getTime())
      expect(second.lastModified.getTime()).toBeGreaterThanOrEqual(first.lastModified.getTime())
      expect(await storage.getStyle(bucket, 'thumb')).toEqual(second)
      await storage.deleteStyle(bucket, 'thumb')
      expect(await storage.getStyle(bucket, 'thumb')).toBeNull()
      await storage.deleteStyle(bucket, 'thumb') // deleting a missing style succeeds (OSS)
    })

    it('stores content verbatim (not validated) and keeps a given category', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('verbatim')
      await storage.putStyle(bucket, { name: 'odd', content: 'csdar5324', category: 'document' })
      expect(await storage.getStyle(bucket, 'odd')).toMatchObject({ content: 'csdar5324', category: 'document' })
    })

    it('lists styles in creation order and keeps them out of object listings', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('order')
      for (const name of ['zeta', 'alpha', 'Mid.dle_1', 'b-2']) {
        await storage.putStyle(bucket, { name, content: `image/resize,w_${name.length}` })
        await tick()
      }
      expect((await storage.listStyles(bucket)).map((s) => s.name)).toEqual(['zeta', 'alpha', 'Mid.dle_1', 'b-2'])
      const listing = await storage.list(bucket)
      expect(listing.objects).toEqual([])
      expect(listing.commonPrefixes).toEqual([])
    })

    it('refuses bad names and empty content with InvalidArgument', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('badstyle')
      for (const name of ['', 'a b', 'x'.repeat(64), 'sl/ash', '\u00e9', '../up']) {
        expect(await errorCode(storage.putStyle(bucket, { name, content: 'image/resize,w_1' })), name).toBe('InvalidArgument')
        expect(await errorCode(storage.getStyle(bucket, name)), name).toBe('InvalidArgument')
      }
      expect(await errorCode(storage.putStyle(bucket, { name: 'ok', content: '' }))).toBe('InvalidArgument')
      expect(await storage.putStyle(bucket, { name: 'x'.repeat(63), content: 'image/rotate,90' })).toMatchObject({ name: 'x'.repeat(63) })
    })

    it('enforces the per-bucket limit with TooManyStyles (overwrites still allowed)', async () => {
      const limited = await context.factory({ maxStyles: 3 })
      const bucket = context.bucketName('limit')
      await limited.createBucket(bucket)
      for (const name of ['s1', 's2', 's3']) {
        await limited.putStyle(bucket, { name, content: 'image/resize,w_1' })
        await tick()
      }
      expect(await errorCode(limited.putStyle(bucket, { name: 's4', content: 'image/resize,w_1' }))).toBe('TooManyStyles')
      await limited.putStyle(bucket, { name: 's2', content: 'image/resize,w_2' })
      await limited.deleteStyle(bucket, 's1')
      await limited.putStyle(bucket, { name: 's4', content: 'image/resize,w_4' })
      expect((await limited.listStyles(bucket)).map((s) => s.name)).toEqual(['s2', 's3', 's4'])
    })

    it('never exceeds the limit under concurrent PutStyle, refuses the rest with TooManyStyles and loses no accepted style', async () => {
      const limit = 6
      const one = await context.factory({ maxStyles: limit })
      // two replicas over one store where the adapter promises it, else one adapter racing itself
      const two = context.options.replicaSafeStyles ? await context.factory({ maxStyles: limit }) : one
      const bucket = context.bucketName('race')
      await one.createBucket(bucket)
      const before = ['p1', 'p2', 'p3', 'p4']
      for (const name of before) await one.putStyle(bucket, { name, content: 'image/resize,w_1' })
      const names = Array.from({ length: 12 }, (_, i) => `race${i}`)
      const [outcomes, overwrites] = await Promise.all([
        Promise.allSettled(names.map((name, i) => (i % 2 ? two : one).putStyle(bucket, { name, content: `image/resize,w_${i + 10}` }))),
        // overwrites of existing names race along and are never refused
        Promise.all([one.putStyle(bucket, { name: 'p1', content: 'image/rotate,90' }), two.putStyle(bucket, { name: 'p2', content: 'image/rotate,180' })]),
      ])
      expect(overwrites.map((s) => s.content)).toEqual(['image/rotate,90', 'image/rotate,180'])
      const accepted = names.filter((_, i) => outcomes[i]!.status === 'fulfilled')
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
      expect(accepted).toHaveLength(limit - before.length)
      for (const failure of refused) expect((failure.reason as { code?: string }).code).toBe('TooManyStyles')
      for (const reader of [one, two]) {
        const stored = await reader.listStyles(bucket)
        expect(stored.map((s) => s.name).sort()).toEqual([...before, ...accepted].sort())
        for (const name of accepted) expect(stored.find((s) => s.name === name)?.content).toBe(`image/resize,w_${names.indexOf(name) + 10}`)
        expect(stored.find((s) => s.name === 'p1')?.content).toBe('image/rotate,90')
        expect(stored.find((s) => s.name === 'p2')?.content).toBe('image/rotate,180')
      }
    })
  })
}
