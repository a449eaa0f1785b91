import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { Empty, ErrorNotice, Loading } from "@/components/States";
import { useFormat } from "@/lib/format";
import { usePublishedReviews, type RatingSummary, type Review } from "@/features/reviews/api/reviews";
import { Stars } from "@/features/reviews/components/Stars";

export function RatingLine({ rating }: { rating: RatingSummary }) {
  const { t } = useTranslation();
  if (rating.average === null) return <p className="rating">{t("reviews.noRating")}</p>;
  return (
    <p className="rating">
      <Stars rating={rating.average} /> {t("reviews.average", { average: rating.average.toFixed(2), count: rating.count })}
    </p>
  );
}

export function ReviewItem({ review, actions }: { review: Review; actions?: ReactNode }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <li className="card review">
      <p>
        <Stars rating={review.rating} /> <strong>{review.reviewer.name || review.reviewer.slug}</strong>
        {review.published_at && <> · {fmt.dateTime(review.published_at)}</>}
      </p>
      {review.text ? <p className="prose">{review.text}</p> : <p className="hint">{t("reviews.noText")}</p>}
      {actions}
    </li>
  );
}

/** The rating summary and the published reviews, on a public profile or a firm page. */
export function PublishedReviews({
  about,
  slug,
  rating,
  renderActions,
}: {
  about: "freelancer" | "firm";
  slug: string;
  /** Left out where the page shows the rating already (the firm's reputation). */
  rating?: RatingSummary;
  renderActions?: (review: Review) => ReactNode;
}) {
  const { t } = useTranslation();
  const reviews = usePublishedReviews(about, slug);
  return (
    <section aria-labelledby={`reviews-${about}`} className="stack">
      <h2 id={`reviews-${about}`}>{t("reviews.title")}</h2>
      {rating && <RatingLine rating={rating} />}
      {reviews.isLoading && <Loading />}
      {reviews.error && <ErrorNotice error={reviews.error} />}
      {reviews.data?.results.length === 0 && <Empty>{t("reviews.none")}</Empty>}
      <ul className="cards">
        {reviews.data?.results.map((review) => (
          <ReviewItem key={review.id} review={review} actions={renderActions?.(review)} />
        ))}
      </ul>
    </section>
  );
}
