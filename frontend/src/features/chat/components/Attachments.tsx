import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { MAX_ATTACHMENTS, type AttachmentImage } from "@/features/chat/api/attachments";
import type { AttachmentDraft } from "@/features/chat/hooks/useAttachmentDrafts";
import { errorMessage } from "@/lib/errors";

/** The composer's attach button: a real button (focusable, labelled) opening the file picker. */
export function AttachButton({ onFiles, disabled }: { onFiles: (files: File[]) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => input.current?.click()} disabled={disabled}>
        {t("chat.attach")}
      </button>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        hidden
        aria-label={t("chat.attach")}
        onChange={(event) => {
          onFiles([...(event.target.files ?? [])]);
          // Picking the same file again after removing it must fire a change again.
          event.target.value = "";
        }}
      />
    </>
  );
}

/** Picked images before sending: progress, the refusal's reason, and a remove button each. */
export function AttachmentDrafts({ drafts, tooMany, onRemove }: { drafts: AttachmentDraft[]; tooMany: boolean; onRemove: (key: string) => void }) {
  const { t } = useTranslation();
  if (drafts.length === 0 && !tooMany) return null;
  return (
    <div className="attach-drafts">
      {tooMany && <p role="alert" className="error">{t("chat.tooManyAttachments", { max: MAX_ATTACHMENTS })}</p>}
      <ul aria-label={t("chat.attachments")}>
        {drafts.map((d) => (
          <li key={d.key} className={d.error ? "attach-draft attach-draft--refused" : "attach-draft"}>
            {d.error ? (
              <p role="alert" className="error">
                {d.name}: {errorMessage(d.error, t)}
              </p>
            ) : d.image ? (
              <img src={d.image.thumbnails.small ?? d.image.url} alt={d.name} width={64} height={64} />
            ) : (
              <span className="attach-draft__name">{d.name}</span>
            )}
            {!d.image && !d.error && (
              <progress max={1} value={d.progress} aria-label={t("chat.uploading", { name: d.name })} />
            )}
            <button type="button" className="link-button" onClick={() => onRemove(d.key)} aria-label={t("chat.removeAttachment", { name: d.name })}>
              {t("chat.remove")}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A message's images as thumbnails; each opens the full-size image in a dialog over the chat
 * (the media URL itself is served sandboxed, so it is not a page to send people to).
 */
export function MessageImages({ images }: { images: AttachmentImage[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  if (images.length === 0) return null;
  const shown = images.find((image) => image.id === open);
  const alt = (index: number) => t("chat.imageAlt", { n: index + 1, total: images.length });
  return (
    <>
      <ul className="msg__images" aria-label={t("chat.attachments")}>
        {images.map((image, index) => (
          <li key={image.id}>
            <button type="button" className="msg__image" onClick={() => setOpen(image.id)} title={t("chat.openImage")}>
              <img src={image.thumbnails.medium ?? image.url} alt={alt(index)} width={image.width} height={image.height} loading="lazy" />
            </button>
          </li>
        ))}
      </ul>
      {shown && <ImageViewer image={shown} alt={alt(images.indexOf(shown))} onClose={() => setOpen(null)} />}
    </>
  );
}

function ImageViewer({ image, alt, onClose }: { image: AttachmentImage; alt: string; onClose: () => void }) {
  const { t } = useTranslation();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    close.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
      // A modal keeps focus inside: its one control is the close button.
      if (event.key === "Tab") {
        event.preventDefault();
        close.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      opener?.focus();
    };
  }, [onClose]);
  return (
    <div className="viewer" role="dialog" aria-modal="true" aria-label={alt} onClick={onClose}>
      <img src={image.url} alt={alt} width={image.width} height={image.height} onClick={(event) => event.stopPropagation()} />
      <button ref={close} type="button" className="button" onClick={onClose}>
        {t("chat.closeImage")}
      </button>
    </div>
  );
}
