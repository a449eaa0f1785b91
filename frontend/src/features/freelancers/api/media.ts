import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";
import { meKey } from "@/lib/session";

export type Image = Schemas["ImageOutput"];
export type PortfolioItem = Schemas["PortfolioItemOutput"];

const portfolioKey = ["portfolio", "own"] as const;

/**
 * The typed body names the fields; the request itself is multipart with the file as `image`
 * (the schema types the file as a string, so the Blob goes in here).
 */
function multipart(fields: Record<string, string | undefined>, image: Blob): FormData {
  const form = new FormData();
  form.append("image", image);
  for (const [name, value] of Object.entries(fields)) {
    if (name !== "image" && value !== undefined) form.append(name, value);
  }
  return form;
}

export function useSetAvatar() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(api.PUT("/api/v1/me/avatar/", { body: { image: file.name }, bodySerializer: (b) => multipart(b, file) })),
    onSuccess: () => client.invalidateQueries({ queryKey: meKey }),
  });
}

export function useRemoveAvatar() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/me/avatar/")),
    onSuccess: () => client.invalidateQueries({ queryKey: meKey }),
  });
}

export function usePortfolio(enabled: boolean) {
  return useQuery({
    queryKey: portfolioKey,
    enabled,
    queryFn: () => unwrap(api.GET("/api/v1/me/freelancer-profile/portfolio/")),
  });
}

function useRefreshPortfolio() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: portfolioKey });
}

export function useAddPortfolioItem() {
  const refresh = useRefreshPortfolio();
  return useMutation({
    mutationFn: ({ file, caption, link }: { file: File; caption: string; link: string }) =>
      unwrap(
        api.POST("/api/v1/me/freelancer-profile/portfolio/", {
          body: { image: file.name, caption, link },
          bodySerializer: (b) => multipart(b, file),
        }),
      ),
    onSuccess: refresh,
  });
}

/** Caption and link as JSON; a replacement picture makes it multipart. */
export function useUpdatePortfolioItem() {
  const refresh = useRefreshPortfolio();
  return useMutation({
    mutationFn: ({ itemId, caption, link, file }: { itemId: number; caption: string; link: string; file: File | null }) => {
      const params = { path: { item_id: itemId } };
      const path = "/api/v1/me/freelancer-profile/portfolio/{item_id}/";
      return unwrap(
        file
          ? api.PATCH(path, { params, body: { image: file.name, caption, link }, bodySerializer: (b) => multipart(b ?? {}, file) })
          : api.PATCH(path, { params, body: { caption, link } }),
      );
    },
    onSuccess: refresh,
  });
}

export function useDeletePortfolioItem() {
  const refresh = useRefreshPortfolio();
  return useMutation({
    mutationFn: (itemId: number) =>
      unwrap(api.DELETE("/api/v1/me/freelancer-profile/portfolio/{item_id}/", { params: { path: { item_id: itemId } } })),
    onSuccess: refresh,
  });
}

export function useReorderPortfolio() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (itemIds: number[]) =>
      unwrap(api.POST("/api/v1/me/freelancer-profile/portfolio/reorder/", { body: { item_ids: itemIds } })),
    onSuccess: (items) => client.setQueryData(portfolioKey, items),
  });
}
