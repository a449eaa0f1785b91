import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";

const key = ["notifications"] as const;

export function useNotifications(poll = false) {
  return useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET("/api/v1/notifications/", { params: { query: { page_size: 50 } } })),
    refetchInterval: poll ? 30_000 : false,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: number | "all"): Promise<void> => {
      if (id === "all") await unwrap(api.POST("/api/v1/notifications/read-all/"));
      else await unwrap(api.POST("/api/v1/notifications/{notification_id}/read/", { params: { path: { notification_id: id } } }));
    },
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}
