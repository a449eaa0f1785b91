import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type Conversation = Schemas["ConversationOutput"];
export type Message = Schemas["MessageOutput"];

export const conversationsKey = ["conversations"] as const;

export function useConversations(poll = false) {
  return useQuery({
    queryKey: conversationsKey,
    queryFn: () => unwrap(api.GET("/api/v1/conversations/", { params: { query: { page_size: 50 } } })),
    // The badge in the header refreshes itself; live updates arrive on the chat page's socket.
    refetchInterval: poll ? 20_000 : false,
  });
}

export function useConversation(id: number) {
  return useQuery({
    queryKey: ["conversation", id],
    queryFn: () => unwrap(api.GET("/api/v1/conversations/{conversation_id}/", { params: { path: { conversation_id: id } } })),
  });
}

/** The newest page of history (the socket brings everything after it). */
export function useMessageHistory(id: number) {
  return useQuery({
    queryKey: ["messages", id],
    queryFn: () =>
      unwrap(api.GET("/api/v1/conversations/{conversation_id}/messages/", { params: { path: { conversation_id: id }, query: { page_size: 100 } } })),
    staleTime: Infinity,
  });
}

export function useStartConversation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["ConversationStartInputRequest"]) => unwrap(api.POST("/api/v1/conversations/", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: conversationsKey }),
  });
}

/** The author edits a message's text (within the conversation's `edit_window_minutes`). */
export function useEditMessage() {
  return useMutation({
    mutationFn: ({ id, text }: { id: number; text: string }) =>
      unwrap(api.PATCH("/api/v1/messages/{message_id}/", { params: { path: { message_id: id } }, body: { text } })),
  });
}
