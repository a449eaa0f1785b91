import { apiHeaders, ApiError, toApiError, type Schemas } from "@/lib/api-client";

export type AttachmentImage = Schemas["ImageOutput"];

/** docs/chat.md: CHAT_MESSAGE_MAX_ATTACHMENTS */
export const MAX_ATTACHMENTS = 4;

/**
 * Uploads one image for a chat message (POST /api/v1/attachments/images/, docs/media.md).
 * XMLHttpRequest, not fetch: only it reports upload progress. `onProgress` gets 0…1.
 * Rejects with ApiError (the server's code: image_too_large, image_format_unsupported,
 * upload_quota_exceeded …, or network_error).
 */
export function uploadAttachment(file: File, onProgress: (fraction: number) => void): Promise<AttachmentImage> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/attachments/images/");
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(apiHeaders("POST"))) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, "network_error", "", {}));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body as AttachmentImage);
      else reject(toApiError(xhr.status, body));
    };
    const form = new FormData();
    form.append("image", file);
    xhr.send(form);
  });
}
