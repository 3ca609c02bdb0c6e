// Contabo operations covered here (tag "Images"):
//   retrieveImageList  GET /v1/compute/images            → listImages, listAllImages
//   retrieveImage      GET /v1/compute/images/{imageId}  → getImage
import { zImage } from '../schemas.ts';
import type { Image, ListResult } from '../schemas.ts';
import type { CallContext, HttpClient, HttpRequest } from './http.ts';
import { iteratePages, parseList, parseSingle } from './parse.ts';
import type { PageParams } from './parse.ts';

export interface ImageFilters extends PageParams {
  name?: string;
  /** true = Contabo's standard images, false = custom images. */
  standardImage?: boolean;
  search?: string;
}

export async function listImages(
  http: HttpClient,
  filters: ImageFilters = {},
  ctx?: CallContext,
): Promise<ListResult<Image>> {
  const req: HttpRequest = {
    method: 'GET',
    pathTemplate: '/v1/compute/images',
    query: {
      page: filters.page,
      size: filters.size,
      orderBy: filters.orderBy,
      name: filters.name,
      standardImage: filters.standardImage,
      search: filters.search,
    },
    retry: 'idempotent',
  };
  return parseList(zImage, req, await http.request(req, ctx));
}

export async function listAllImages(
  http: HttpClient,
  filters: Omit<ImageFilters, 'page'> = {},
  ctx?: CallContext,
): Promise<Image[]> {
  const all: Image[] = [];
  for await (const page of iteratePages((p) => listImages(http, { size: 100, ...filters, page: p }, ctx))) {
    all.push(...page.items);
  }
  return all;
}

export async function getImage(http: HttpClient, imageId: string, ctx?: CallContext): Promise<Image> {
  const req: HttpRequest = {
    method: 'GET',
    pathTemplate: '/v1/compute/images/{imageId}',
    pathParams: { imageId },
    retry: 'idempotent',
  };
  return parseSingle(zImage, req, await http.request(req, ctx));
}
