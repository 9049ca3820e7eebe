import { describe, expect, it } from 'vitest'
import { aclFromHeaders, allows, authorize, effectiveAcl } from './acl.js'

const anonymous = { anonymous: true } as const
const owner = { anonymous: false, accessKeyId: 'ak', scheme: 'oss-v1-header', signedParams: new Set<string>() } as const

describe('ACL', () => {
  it('lets an object ACL override the bucket unless it is default', () => {
    expect(effectiveAcl('private', 'public-read')).toBe('public-read')
    expect(effectiveAcl('public-read', 'default')).toBe('public-read')
    expect(effectiveAcl('public-read-write')).toBe('public-read-write')
  })

  it('grants anonymous reads and writes by ACL, owner operations never', () => {
    expect(allows('public-read', 'read')).toBe(true)
    expect(allows('public-read', 'write')).toBe(false)
    expect(allows('public-read-write', 'write')).toBe(true)
    expect(allows('private', 'read')).toBe(false)
    expect(allows('public-read-write', 'owner')).toBe(false)
  })

  it('throws AccessDenied for anonymous callers only', () => {
    expect(() => authorize(anonymous, 'read', 'private')).toThrow(expect.objectContaining({ code: 'AccessDenied', status: 403 }))
    expect(() => authorize(owner, 'owner', 'private')).not.toThrow()
  })

  it('reads ACL headers of every dialect and rejects unknown values', () => {
    expect(aclFromHeaders(new Headers({ 'x-oss-acl': 'public-read' }), 'bucket')).toBe('public-read')
    expect(aclFromHeaders(new Headers({ 'x-oss-object-acl': 'default' }), 'object')).toBe('default')
    expect(aclFromHeaders(new Headers({ 'x-obs-acl': 'public-read-delivered' }), 'bucket')).toBe('public-read')
    expect(aclFromHeaders(new Headers({ 'x-amz-acl': 'private' }), 'object')).toBe('private')
    expect(aclFromHeaders(new Headers(), 'bucket')).toBeUndefined()
    expect(() => aclFromHeaders(new Headers({ 'x-oss-acl': 'default' }), 'bucket')).toThrow(expect.objectContaining({ code: 'InvalidArgument' }))
  })
})
