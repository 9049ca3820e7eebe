/**
 * Parser, validator and serializer for OSS (x-oss-process) and OBS (x-image-process) process strings.
 * @module
 */
export type * from './ast.js'
export { parse, type ParseOptions } from './parse.js'
export { serialize, type SerializableProcess } from './serialize.js'
export { toPlain, type PlainAction, type PlainProcess } from './plain.js'
export { paramDefaults, withDefaults } from './defaults.js'
export { describeActions } from './describe.js'
export { DEFAULT_LIMITS, QUERY_KEY, type Limits } from './limits.js'
export { decodeBase64Text, encodeBase64Url } from './base64.js'
export { GRAVITY_OBS, GRAVITY_OSS } from './values.js'
export {
  ACTIONS,
  FONTS,
  MAX_SOURCE_SIDE,
  actionSchema,
  getActionSchema,
  resolveParam,
  type ActionRules,
  type ActionSchema,
  type ParamKind,
  type ParamOverride,
  type ParamSchema,
} from './schema/index.js'
