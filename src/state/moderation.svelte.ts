/**
 * Listing safety in the form: the warnings for the listing being written (src/core/moderation.ts over its photos'
 * probabilities, their explicit scores and the title), "This isn't that" dismissals kept with the draft, and which
 * explicit-looking photos the seller chose to show unblurred (this visit only: a reopened draft blurs them again).
 */
import { EXPLICIT_RULE_ID, isExplicit, listingWarnings, type ModerationWarning } from '../core/moderation.ts';
import type { Photo } from './photo-set.svelte.ts';

export interface ModerationHost {
  photos(): Photo[];
  /** Title and description as the seller will list them. */
  text(): string;
  /** A dismissal is part of the draft: save it. */
  changed(): void;
}

export class Moderation {
  dismissed = $state<string[]>([]);
  private revealed = $state<string[]>([]);

  warnings: ModerationWarning[] = $derived.by(() =>
    listingWarnings({
      photos: this.host.photos().map((p) => ({ probs: p.status === 'done' ? p.probs : null, explicit: p.explicit })),
      title: this.host.text(),
      dismissed: this.dismissed,
    }),
  );

  constructor(private readonly host: ModerationHost) {}

  /** "This isn't that": the warning goes for this listing (and is saved with its draft). */
  dismiss(id: string): void {
    if (!this.dismissed.includes(id)) this.dismissed = [...this.dismissed, id];
    this.host.changed();
  }

  /** An explicit-looking photo stays blurred until the seller shows it or says it is not explicit. */
  blurred(p: Photo): boolean {
    return isExplicit(p.explicit) && !this.revealed.includes(p.id) && !this.dismissed.includes(EXPLICIT_RULE_ID);
  }

  reveal(photoId: string): void {
    if (!this.revealed.includes(photoId)) this.revealed = [...this.revealed, photoId];
  }

  /** The names of the photos a warning is about, for its text. */
  photoNames(w: ModerationWarning): string[] {
    const photos = this.host.photos();
    return w.photos.map((i) => photos[i]?.name ?? `photo ${i + 1}`);
  }

  load(dismissed: readonly string[] | undefined): void {
    this.dismissed = [...(dismissed ?? [])];
    this.revealed = [];
  }
}
