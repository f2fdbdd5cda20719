// In-place ascending sort of a Float64Array (no NaNs expected): quicksort with median-of-three pivots and
// insertion sort for short ranges. V8's built-in TypedArray#sort is several times slower on this machine.

export const sortFloat64 = (a: Float64Array, lo = 0, hi = a.length - 1): Float64Array => {
  const stack: number[] = [];
  for (;;) {
    while (hi - lo > 16) {
      const mid = (lo + hi) >>> 1;
      // median of three into a[mid]
      if ((a[mid] as number) < (a[lo] as number)) swap(a, mid, lo);
      if ((a[hi] as number) < (a[lo] as number)) swap(a, hi, lo);
      if ((a[hi] as number) < (a[mid] as number)) swap(a, hi, mid);
      const pivot = a[mid] as number;
      let i = lo;
      let j = hi;
      while (i <= j) {
        while ((a[i] as number) < pivot) i++;
        while ((a[j] as number) > pivot) j--;
        if (i <= j) {
          swap(a, i, j);
          i++;
          j--;
        }
      }
      // recurse into the smaller part, loop on the larger
      if (j - lo < hi - i) {
        if (lo < j) stack.push(lo, j);
        lo = i;
      } else {
        if (i < hi) stack.push(i, hi);
        hi = j;
      }
    }
    for (let i = lo + 1; i <= hi; i++) {
      const v = a[i] as number;
      let k = i - 1;
      while (k >= lo && (a[k] as number) > v) {
        a[k + 1] = a[k] as number;
        k--;
      }
      a[k + 1] = v;
    }
    if (stack.length === 0) return a;
    hi = stack.pop() as number;
    lo = stack.pop() as number;
  }
};

const swap = (a: Float64Array, i: number, j: number): void => {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
};

/**
 * Quickselect: rearranges a[lo..hi] so that a[k] is the value it would have after sorting, with smaller-or-equal
 * values before it and greater-or-equal after it. Returns a[k]. Expected O(n).
 */
export const selectFloat64 = (a: Float64Array, k: number, lo = 0, hi = a.length - 1): number => {
  while (hi > lo) {
    if (hi - lo < 16) {
      sortFloat64(a, lo, hi);
      return a[k] as number;
    }
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < (a[lo] as number)) swap(a, mid, lo);
    if ((a[hi] as number) < (a[lo] as number)) swap(a, hi, lo);
    if ((a[hi] as number) < (a[mid] as number)) swap(a, hi, mid);
    const pivot = a[mid] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] as number;
  }
  return a[k] as number;
};
