// Pauses between attempts after a failed call: doubling from `first` up to `cap`, each drawn from the upper half of
// its range, so that the editors of a room that all failed at once (the database restarting) do not all come back at once.
export class Backoff {
  constructor(first = 500, cap = 15_000, random = Math.random) {
    this.first = first;
    this.cap = cap;
    this.random = random;
    this.attempt = 0;
  }

  next() {
    const ceiling = Math.min(this.cap, this.first * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 20);
    return ceiling / 2 + this.random() * (ceiling / 2);
  }

  reset() { this.attempt = 0; }
}
