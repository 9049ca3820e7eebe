import type { ImageFormat, RawImage } from '@imgproc/types'

/** Which service's semantics to follow: Alibaba OSS (`x-oss-process`) or Huawei OBS (`x-image-process`). */
export type Dialect = 'oss' | 'obs'

export type { ImageFormat, RawImage }
