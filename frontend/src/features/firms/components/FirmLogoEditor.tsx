import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

import { Field } from "@/components/Field";
import { Loading } from "@/components/States";
import { ApiError, type Schemas } from "@/lib/api-client";
import { errorMessage, fieldErrors } from "@/lib/errors";
import { useRemoveFirmLogo, useSetFirmLogo } from "@/features/firms/api/firms";

type Image = Schemas["ImageOutput"];

const ACCEPT = "image/jpeg,image/png,image/webp";

/** The smallest thumbnail there is, else the stored image (thumbnails come a moment later). */
export function logoSrc(image: Image, size: "small" | "medium" | "large"): string {
  return image.thumbnails[size] ?? image.url;
}

/**
 * Image refusals (too large, wrong type, quota …) get our own sentence for their code; a plain
 * validation error keeps the server's words for the field.
 */
function logoError(failure: unknown, t: TFunction): string | undefined {
  if (!failure) return undefined;
  const field = fieldErrors(failure)["image"];
  if (failure instanceof ApiError && failure.code === "validation_error" && field) return field;
  return errorMessage(failure, t);
}

/** The owners' logo field: upload, replace, remove; every refusal shows under the field. */
export function FirmLogoEditor({ slug, name, logo }: { slug: string; name: string; logo: Image | null }) {
  const { t } = useTranslation();
  const set = useSetFirmLogo(slug);
  const remove = useRemoveFirmLogo(slug);
  const error = logoError(set.error ?? remove.error, t);
  return (
    <section className="card stack" aria-labelledby="firm-logo-title">
      <h2 id="firm-logo-title">{t("firm.logo")}</h2>
      {logo ? (
        <img className="firm-logo" src={logoSrc(logo, "medium")} alt={t("firm.logoAlt", { name })} width={96} height={96} />
      ) : (
        <p className="muted">{t("firm.noLogo")}</p>
      )}
      <Field label={logo ? t("firm.replaceLogo") : t("firm.uploadLogo")} hint={t("media.hint")} error={error}>
        {(p) => (
          <input
            {...p}
            type="file"
            accept={ACCEPT}
            disabled={set.isPending}
            onChange={(e) => {
              const file = e.target.files?.[0];
              remove.reset();
              if (file) set.mutate(file);
              e.target.value = "";
            }}
          />
        )}
      </Field>
      {set.isPending && <Loading label={t("media.uploading")} />}
      {logo && (
        <button
          type="button"
          className="button button--secondary"
          disabled={remove.isPending}
          onClick={() => {
            set.reset();
            remove.mutate();
          }}
        >
          {t("firm.removeLogo")}
        </button>
      )}
    </section>
  );
}
