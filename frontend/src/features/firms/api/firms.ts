import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";
import { meKey } from "@/lib/session";

export type FirmInput = Schemas["FirmCreateInputRequest"];

export function useFirm(slug: string) {
  return useQuery({
    queryKey: ["firm", slug],
    queryFn: () => unwrap(api.GET("/api/v1/firms/{slug}/", { params: { path: { slug } } })),
  });
}

export function useCreateFirm() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: FirmInput) => unwrap(api.POST("/api/v1/firms/", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: meKey }),
  });
}

export function useUpdateFirm(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<FirmInput>) =>
      unwrap(api.PATCH("/api/v1/firms/{slug}/", { params: { path: { slug } }, body })),
    onSuccess: (firm) => {
      client.setQueryData(["firm", slug], firm);
      void client.invalidateQueries({ queryKey: meKey });
    },
  });
}

/** The owners' logo upload: multipart with the file as `image` (the schema types it as a string). */
export function useSetFirmLogo(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(
        api.PUT("/api/v1/firms/{slug}/logo/", {
          params: { path: { slug } },
          body: { image: file.name },
          bodySerializer: () => {
            const form = new FormData();
            form.append("image", file);
            return form;
          },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["firm", slug] }),
  });
}

export function useRemoveFirmLogo(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/firms/{slug}/logo/", { params: { path: { slug } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ["firm", slug] }),
  });
}

export function useFirmGigs(slug: string, mine: boolean) {
  return useQuery({
    queryKey: ["gigs", "firm", slug, mine],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/gigs/", {
          params: { query: mine ? { firm: slug, scope: "mine", page_size: 50 } : { firm: slug, page_size: 50 } },
        }),
      ),
  });
}
