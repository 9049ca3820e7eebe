/** Largest source side OSS accepts (§4); bounds image-relative parameters before the image is known. */
export const MAX_SOURCE_SIDE = 30000
