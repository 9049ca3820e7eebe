/**
 * The official clients the end-to-end suites drive (ali-oss 6.23.0, esdk-obs-nodejs 3.26.8),
 * loaded through require (they are CommonJS without types), with the part of their API the suites
 * use typed by hand.
 */
import { createRequire } from 'node:module'

export interface OssResult {
  res: { status: number; headers: Record<string, string> }
  content?: Buffer
  status?: number
}
export interface OssClient {
  get(name: string, options?: { process?: string }): Promise<OssResult>
  put(name: string, body: Uint8Array, options?: Record<string, unknown>): Promise<OssResult>
  head(name: string): Promise<OssResult>
  putBucket(name: string, options?: Record<string, unknown>): Promise<OssResult>
  putACL(name: string, acl: string): Promise<OssResult>
  putBucketACL(name: string, acl: string): Promise<OssResult>
  request(params: Record<string, unknown>): Promise<OssResult & { data: Buffer }>
  processObjectSave(source: string, target: string, process: string, targetBucket?: string): Promise<OssResult>
  signatureUrl(name: string, options: { process?: string; expires?: number }): string
  signatureUrlV4(method: string, expires: number, request: { headers: object; queries: object }, name: string): Promise<string>
}
export interface ObsResult {
  CommonMsg: { Status: number; Code?: string }
  InterfaceResult?: { Content?: NodeJS.ReadableStream & { resume?: () => void }; ContentType?: string }
}
export interface ObsClientInstance {
  getObject(params: Record<string, unknown>): Promise<ObsResult>
  putObject(params: Record<string, unknown>): Promise<ObsResult>
  createSignedUrlSync(params: Record<string, unknown>): { SignedUrl: string }
}

const require = createRequire(import.meta.url)
export const OSS = require('ali-oss') as new (options: Record<string, unknown>) => OssClient
export const ObsClient = require('esdk-obs-nodejs') as new (options: Record<string, unknown>) => ObsClientInstance

/** A new OBS client, once its constructor has finished (it does so one tick later). */
export async function obsClient(options: Record<string, unknown>): Promise<ObsClientInstance> {
  const client = new ObsClient(options)
  await new Promise((resolve) => setImmediate(resolve))
  return client
}

export async function streamBytes(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return new Uint8Array(Buffer.concat(chunks))
}
