import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { Field } from "@/components/Field";
import { Empty, ErrorNotice, Loading } from "@/components/States";
import { fieldErrors } from "@/lib/errors";
import {
  useAddPortfolioItem,
  useDeletePortfolioItem,
  usePortfolio,
  useRemoveAvatar,
  useReorderPortfolio,
  useSetAvatar,
  useUpdatePortfolioItem,
  type Image,
  type PortfolioItem,
} from "@/features/freelancers/api/media";

const ACCEPT = "image/jpeg,image/png,image/webp";

/** The smallest thumbnail there is, else the stored image (thumbnails come a moment later). */
export function thumbnail(image: Image, size: "small" | "medium" | "large"): string {
  return image.thumbnails[size] ?? image.url;
}

function AvatarEditor({ avatar }: { avatar: Image | null }) {
  const { t } = useTranslation();
  const set = useSetAvatar();
  const remove = useRemoveAvatar();
  const error = set.error ?? remove.error;
  return (
    <section className="card stack" aria-labelledby="avatar-title">
      <h2 id="avatar-title">{t("media.avatar")}</h2>
      {avatar ? (
        <img className="avatar" src={thumbnail(avatar, "medium")} alt={t("media.avatarAlt")} width={96} height={96} />
      ) : (
        <Empty>{t("media.noAvatar")}</Empty>
      )}
      {error ? <ErrorNotice error={error} /> : null}
      <Field label={t("media.chooseAvatar")} hint={t("media.hint")}>
        {(p) => (
          <input
            {...p}
            type="file"
            accept={ACCEPT}
            disabled={set.isPending}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) set.mutate(file);
              e.target.value = "";
            }}
          />
        )}
      </Field>
      {set.isPending && <Loading label={t("media.uploading")} />}
      {avatar && (
        <button type="button" className="button button--secondary" disabled={remove.isPending} onClick={() => remove.mutate()}>
          {t("media.removeAvatar")}
        </button>
      )}
    </section>
  );
}

function AddItem() {
  const { t } = useTranslation();
  const add = useAddPortfolioItem();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState("");
  const [link, setLink] = useState("");
  const [missing, setMissing] = useState(false);
  const errors = fieldErrors(add.error);
  return (
    <form
      className="form stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!file) {
          setMissing(true);
          return;
        }
        add.mutate(
          { file, caption, link },
          {
            onSuccess: () => {
              setFile(null);
              setCaption("");
              setLink("");
              if (fileInput.current) fileInput.current.value = "";
            },
          },
        );
      }}
    >
      <h3>{t("media.addItem")}</h3>
      {add.error && !errors["caption"] && !errors["link"] && !errors["image"] ? <ErrorNotice error={add.error} /> : null}
      <Field label={t("media.image")} hint={t("media.hint")} error={errors["image"] ?? (missing ? t("media.imageRequired") : undefined)}>
        {(p) => (
          <input
            {...p}
            ref={fileInput}
            type="file"
            accept={ACCEPT}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setMissing(false);
            }}
          />
        )}
      </Field>
      <Field label={t("media.caption")} error={errors["caption"]}>
        {(p) => <input {...p} maxLength={200} value={caption} onChange={(e) => setCaption(e.target.value)} />}
      </Field>
      <Field label={t("media.link")} error={errors["link"]}>
        {(p) => <input {...p} type="url" inputMode="url" value={link} onChange={(e) => setLink(e.target.value)} />}
      </Field>
      <button type="submit" className="button" disabled={add.isPending}>
        {add.isPending ? t("media.uploading") : t("media.add")}
      </button>
    </form>
  );
}

function EditItem({ item, name, onDone }: { item: PortfolioItem; name: string; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdatePortfolioItem();
  const [caption, setCaption] = useState(item.caption);
  const [link, setLink] = useState(item.link);
  const [file, setFile] = useState<File | null>(null);
  const errors = fieldErrors(update.error);
  return (
    <form
      className="form stack portfolio-edit"
      noValidate
      aria-label={t("media.editTitle", { name })}
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ itemId: item.id, caption, link, file }, { onSuccess: onDone });
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") onDone();
      }}
    >
      {update.error && !errors["caption"] && !errors["link"] && !errors["image"] ? <ErrorNotice error={update.error} /> : null}
      <Field label={t("media.caption")} error={errors["caption"]}>
        {(p) => <input {...p} maxLength={200} value={caption} onChange={(e) => setCaption(e.target.value)} />}
      </Field>
      <Field label={t("media.link")} error={errors["link"]}>
        {(p) => <input {...p} type="url" inputMode="url" value={link} onChange={(e) => setLink(e.target.value)} />}
      </Field>
      <Field label={t("media.replaceImage")} hint={t("media.hint")} error={errors["image"]}>
        {(p) => <input {...p} type="file" accept={ACCEPT} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
      </Field>
      <span className="row">
        <button type="submit" className="button" disabled={update.isPending}>
          {t("common.save")}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t("common.cancel")}
        </button>
      </span>
    </form>
  );
}

function ItemRow({ item, index, count, onMove }: { item: PortfolioItem; index: number; count: number; onMove: (to: number) => void }) {
  const { t } = useTranslation();
  const remove = useDeletePortfolioItem();
  const [editing, setEditing] = useState(false);
  const name = item.caption || t("media.untitled", { n: index + 1 });
  return (
    <li className="card portfolio-row" data-testid="portfolio-item">
      <img src={thumbnail(item.image, "small")} alt={name} width={96} />
      <span>{name}</span>
      <span className="row">
        <button type="button" className="button button--secondary" disabled={index === 0} aria-label={t("media.moveUp", { name })} onClick={() => onMove(index - 1)}>
          ↑
        </button>
        <button type="button" className="button button--secondary" disabled={index === count - 1} aria-label={t("media.moveDown", { name })} onClick={() => onMove(index + 1)}>
          ↓
        </button>
        <button type="button" className="button button--secondary" aria-expanded={editing} aria-label={t("media.edit", { name })} onClick={() => setEditing((open) => !open)}>
          {t("common.edit")}
        </button>
        <button type="button" className="button button--danger" disabled={remove.isPending} aria-label={t("media.delete", { name })} onClick={() => remove.mutate(item.id)}>
          {t("common.delete")}
        </button>
      </span>
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
      {editing && <EditItem item={item} name={name} onDone={() => setEditing(false)} />}
    </li>
  );
}

function PortfolioEditor() {
  const { t } = useTranslation();
  const portfolio = usePortfolio(true);
  const reorder = useReorderPortfolio();
  const items = portfolio.data ?? [];
  const move = (from: number, to: number) => {
    const ids = items.map((i) => i.id);
    const [moved] = ids.splice(from, 1);
    if (moved === undefined) return;
    ids.splice(to, 0, moved);
    reorder.mutate(ids);
  };
  return (
    <section className="card stack" aria-labelledby="portfolio-title">
      <h2 id="portfolio-title">{t("media.portfolio")}</h2>
      {portfolio.isLoading && <Loading />}
      {portfolio.error && <ErrorNotice error={portfolio.error} />}
      {reorder.error && <ErrorNotice error={reorder.error} />}
      {portfolio.data?.length === 0 && <Empty>{t("media.noItems")}</Empty>}
      <ol className="cards">
        {items.map((item, index) => (
          <ItemRow key={item.id} item={item} index={index} count={items.length} onMove={(to) => move(index, to)} />
        ))}
      </ol>
      <AddItem />
    </section>
  );
}

/** The profile editor's pictures: the account's avatar and, once a profile exists, its portfolio. */
export function MediaEditor({ avatar, hasProfile }: { avatar: Image | null; hasProfile: boolean }) {
  return (
    <>
      <AvatarEditor avatar={avatar} />
      {hasProfile && <PortfolioEditor />}
    </>
  );
}
