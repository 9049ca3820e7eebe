/** The four image tasks of issue 13, as each contender runs them (see contender-child.ts). */
export type TaskId = 'jpeg-thumbnail' | 'png-thumbnail' | 'webp-thumbnail' | 'jpeg-rotate-90'

export interface ImageTask {
  /** as the report names it */
  label: string
  /** file under ../shared/corpus/bench */
  file: string
  /** what imgproc runs (an OSS process string) */
  process: string
  /** the floor: imgproc's time at most this multiple of sharp's */
  floorVsSharp: number
}

const PHOTO = 'sharp-2569067123_aca715a2ee_o.jpg'

export const TASKS: Record<TaskId, ImageTask> = {
  'jpeg-thumbnail': { label: 'JPEG 2725x2225 -> 720 wide JPEG q80', file: PHOTO, process: 'image/resize,w_720/quality,Q_80', floorVsSharp: 1.8 },
  'png-thumbnail': { label: 'PNG 2048x1536 RGBA -> 320 wide PNG', file: 'sharp-alpha-premultiply-2048x1536-paper.png', process: 'image/resize,w_320', floorVsSharp: 1.2 },
  'webp-thumbnail': { label: 'JPEG -> 720 wide WebP q80', file: PHOTO, process: 'image/resize,w_720/quality,Q_80/format,webp', floorVsSharp: 1.5 },
  'jpeg-rotate-90': { label: 'JPEG full size, rotate 90, JPEG q80', file: PHOTO, process: 'image/rotate,90/quality,Q_80', floorVsSharp: 1.3 },
}
