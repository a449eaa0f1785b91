import { useState } from "react";
import { useTranslation } from "react-i18next";

import { Field } from "@/components/Field";
import { ErrorNotice, Loading } from "@/components/States";
import { fieldErrors } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import { useContractReviews, useWriteReview } from "@/features/reviews/api/reviews";
import { ReviewItem } from "@/features/reviews/components/PublishedReviews";

function ReviewForm({ contractId }: { contractId: number }) {
  const { t } = useTranslation();
  const write = useWriteReview(contractId);
  const [rating, setRating] = useState(0);
  const [text, setText] = useState("");
  const [privateFeedback, setPrivateFeedback] = useState("");
  const errors = fieldErrors(write.error);
  const [missingRating, setMissingRating] = useState(false);
  return (
    <form
      className="card form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (rating < 1) {
          setMissingRating(true);
          return;
        }
        write.mutate({ rating, text, private_feedback: privateFeedback });
      }}
    >
      <h3>{t("reviews.write")}</h3>
      {write.error && Object.keys(errors).length === 0 ? <ErrorNotice error={write.error} /> : null}
      <fieldset className="rating-picker" aria-describedby={missingRating || errors["rating"] ? "rating-error" : undefined}>
        <legend>{t("reviews.rating")}</legend>
        {[1, 2, 3, 4, 5].map((value) => (
          <label key={value} className="rating-picker__option">
            <input
              type="radio"
              name="rating"
              value={value}
              checked={rating === value}
              onChange={() => {
                setRating(value);
                setMissingRating(false);
              }}
            />{" "}
            {t("reviews.stars", { count: value })}
          </label>
        ))}
        {(missingRating || errors["rating"]) && (
          <small id="rating-error" className="error" role="alert">
            {errors["rating"] ?? t("reviews.ratingRequired")}
          </small>
        )}
      </fieldset>
      <Field label={t("reviews.text")} hint={t("reviews.textHint")} error={errors["text"]}>
        {(p) => <textarea {...p} rows={4} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <Field label={t("reviews.privateFeedback")} hint={t("reviews.privateHint")} error={errors["private_feedback"]}>
        {(p) => (
          <textarea {...p} rows={3} maxLength={2000} value={privateFeedback} onChange={(e) => setPrivateFeedback(e.target.value)} />
        )}
      </Field>
      <button type="submit" className="button" disabled={write.isPending}>
        {t("reviews.send")}
      </button>
    </form>
  );
}

/** Each side's review of an ended contract, double-blind until both wrote or the window closed. */
export function ContractReviews({ contractId, ended }: { contractId: number; ended: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reviews = useContractReviews(contractId, ended);
  if (!ended) return null;
  return (
    <section aria-labelledby="contract-reviews" className="stack">
      <h2 id="contract-reviews">{t("reviews.contractTitle")}</h2>
      {reviews.isLoading && <Loading />}
      {reviews.error && <ErrorNotice error={reviews.error} />}
      {reviews.data &&
        (() => {
          const r = reviews.data;
          const closes = r.window_closes_at ? fmt.dateTime(r.window_closes_at) : "";
          const windowOpen = r.window_closes_at !== null && new Date(r.window_closes_at).getTime() > Date.now();
          return (
            <>
              <h3>{t("reviews.yours")}</h3>
              {r.mine ? (
                <ul className="cards">
                  <ReviewItem review={r.mine} />
                </ul>
              ) : windowOpen ? (
                <ReviewForm contractId={contractId} />
              ) : (
                <p className="hint">{t("reviews.windowClosed")}</p>
              )}
              {r.mine?.private_feedback ? (
                <p className="hint">{t("reviews.yourPrivate", { text: r.mine.private_feedback })}</p>
              ) : null}
              <h3>{t("reviews.theirs")}</h3>
              {r.theirs ? (
                <ul className="cards">
                  <ReviewItem review={r.theirs} />
                </ul>
              ) : r.mine && !r.mine.published_at ? (
                <p className="notice" role="status">
                  {t("reviews.blind", { date: closes })}
                </p>
              ) : r.counterpart_has_reviewed ? (
                <p className="notice" role="status">
                  {t("reviews.theyWrote", { date: closes })}
                </p>
              ) : (
                <p className="hint">{windowOpen ? t("reviews.notYet", { date: closes }) : t("reviews.noneTheirs")}</p>
              )}
            </>
          );
        })()}
    </section>
  );
}
