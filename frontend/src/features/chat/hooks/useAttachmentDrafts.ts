import { useCallback, useRef, useState } from "react";

import { MAX_ATTACHMENTS, uploadAttachment, type AttachmentImage } from "@/features/chat/api/attachments";
import { ApiError } from "@/lib/api-client";

/** One picked file on its way into a message: uploading, uploaded, or refused. */
export interface AttachmentDraft {
  key: string;
  name: string;
  progress: number;
  image: AttachmentImage | null;
  error: ApiError | null;
}

/**
 * The composer's attachments: each picked file is uploaded at once (so sending is quick), at
 * most MAX_ATTACHMENTS count; a refused one stays listed with its reason until removed.
 */
export function useAttachmentDrafts() {
  const [drafts, setDrafts] = useState<AttachmentDraft[]>([]);
  const [tooMany, setTooMany] = useState(false);
  const live = useRef(new Set<string>());
  const counter = useRef(0);

  const update = useCallback((key: string, change: Partial<AttachmentDraft>) => {
    if (!live.current.has(key)) return;
    setDrafts((prev) => prev.map((d) => (d.key === key ? { ...d, ...change } : d)));
  }, []);

  const add = (files: File[]) => {
    const room = MAX_ATTACHMENTS - drafts.filter((d) => d.error === null).length;
    setTooMany(files.length > room);
    const taken = files.slice(0, Math.max(0, room));
    const added = taken.map((file) => {
      counter.current += 1;
      const key = `a${counter.current}`;
      live.current.add(key);
      return { key, name: file.name, progress: 0, image: null, error: null, file };
    });
    setDrafts((prev) => [...prev, ...added.map(({ file: _file, ...draft }) => draft)]);
    for (const { key, file } of added) {
      uploadAttachment(file, (progress) => update(key, { progress })).then(
        (image) => update(key, { image, progress: 1 }),
        (error: unknown) => update(key, { error: error instanceof ApiError ? error : new ApiError(0, "network_error", "", {}) }),
      );
    }
  };

  const remove = (key: string) => {
    live.current.delete(key);
    setTooMany(false);
    setDrafts((prev) => prev.filter((d) => d.key !== key));
  };

  const clear = () => {
    live.current.clear();
    setTooMany(false);
    setDrafts([]);
  };

  return {
    drafts,
    tooMany,
    uploading: drafts.some((d) => d.image === null && d.error === null),
    ready: drafts.flatMap((d) => (d.image ? [d.image] : [])),
    add,
    remove,
    clear,
  };
}
