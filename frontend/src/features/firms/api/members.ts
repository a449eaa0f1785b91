import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type Member = Schemas["MemberOutput"];
export type FirmRole = Schemas["FirmRole"];

const membersKey = (slug: string) => ["firm-members", slug] as const;

/** A firm's members (members and staff only; newest first). */
export function useFirmMembers(slug: string) {
  return useQuery({
    queryKey: membersKey(slug),
    queryFn: () => unwrap(api.GET("/api/v1/firms/{slug}/members/", { params: { path: { slug }, query: { page_size: 100 } } })),
  });
}

function useRefresh(slug: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: membersKey(slug) });
}

export function useAddFirmMember(slug: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: (body: Schemas["MemberAddInputRequest"]) => unwrap(api.POST("/api/v1/firms/{slug}/members/", { params: { path: { slug } }, body })),
    onSuccess: refresh,
  });
}

export function useChangeFirmMemberRole(slug: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: ({ userId, role }: { userId: number; role: FirmRole }) =>
      unwrap(api.PATCH("/api/v1/firms/{slug}/members/{user_id}/", { params: { path: { slug, user_id: userId } }, body: { role } })),
    onSuccess: refresh,
  });
}

export function useRemoveFirmMember(slug: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: (userId: number) => unwrap(api.DELETE("/api/v1/firms/{slug}/members/{user_id}/", { params: { path: { slug, user_id: userId } } })),
    onSuccess: refresh,
  });
}
