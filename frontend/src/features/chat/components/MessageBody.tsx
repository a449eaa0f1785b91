import { useState } from "react";
import { useTranslation } from "react-i18next";

import { useEditMessage, type Message } from "@/features/chat/api/chat";
import type { ChatMessage } from "@/features/chat/hooks/useChatRoom";
import { errorMessage } from "@/lib/errors";

/**
 * A message's text; for its author while the edit window is open, an Edit button that opens
 * the text in place (Enter or Save saves, Escape or Cancel leaves it). The server decides:
 * a refusal (`edit_window_closed` once the window has passed meanwhile) shows by the form.
 */
export function MessageBody({ message, editable, onEdited }: { message: ChatMessage; editable: boolean; onEdited: (saved: Message) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const edit = useEditMessage();
  if (draft === null) {
    return (
      <>
        {message.text && <p>{message.text}</p>}
        {editable && (
          <button
            type="button"
            className="linkish msg__edit-button"
            aria-label={t("chat.editMessage")}
            onClick={() => {
              edit.reset();
              setDraft(message.text);
            }}
          >
            {t("common.edit")}
          </button>
        )}
      </>
    );
  }
  const save = () => {
    const text = draft.trim();
    if (text === message.text) return setDraft(null);
    edit.mutate(
      { id: message.id, text },
      {
        onSuccess: (saved) => {
          onEdited(saved);
          setDraft(null);
        },
      },
    );
  };
  const field = `edit-${message.id}`;
  return (
    <form
      className="msg__edit"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label htmlFor={field} className="sr-only">
        {t("chat.editMessage")}
      </label>
      <textarea
        id={field}
        rows={2}
        autoFocus
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") setDraft(null);
          if (event.key === "Enter" && !event.shiftKey) {
            event.preventDefault();
            save();
          }
        }}
      />
      <button type="submit" className="button" disabled={edit.isPending}>
        {t("common.save")}
      </button>
      <button type="button" className="button button--secondary" onClick={() => setDraft(null)}>
        {t("common.cancel")}
      </button>
      {edit.error && (
        <p role="alert" className="error">
          {errorMessage(edit.error, t)}
        </p>
      )}
    </form>
  );
}
