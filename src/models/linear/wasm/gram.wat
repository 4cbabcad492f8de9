;; Weighted Gram matrix kernels for the linear models (source of gram-wasm.ts; rebuild with
;;   node src/models/linear/wasm/build-gram-wasm.mjs
;; ). Memory is imported, so each fit brings its own and nothing outlives it.
;;
;; Layout: A is n rows of `s` f64 (s a multiple of 4, the row stride), row-major; w is n f64
;; weights; G is s × s f64, row-major. All offsets are byte addresses, 16-byte aligned.
(module
  (import "env" "memory" (memory 1))

;; pack: expands n rows of p values stored densely at `a` (row stride p) into rows of
  ;; stride s in place, with extra[i] in column p and zeros in columns p+1 … s−1. Walks
  ;; backwards, last row first: a row's destination i·s is never below its source i·p, and
  ;; memory.copy moves overlapping bytes correctly (memmove), so nothing is overwritten unread.
  (func (export "pack")
    (param $a i32) (param $n i32) (param $p i32) (param $s i32) (param $extra i32)
    (local $i i32) (local $j i32) (local $dst i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $p) (i32.const 3)))
    (local.set $i (local.get $n))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.eqz (local.get $i)))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (local.set $dst (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $s)) (i32.const 3))))
        (memory.copy (local.get $dst) (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))) (local.get $rowBytes))
        (f64.store (i32.add (local.get $dst) (local.get $rowBytes))
          (f64.load (i32.add (local.get $extra) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $j (i32.add (local.get $p) (i32.const 1)))
        (block $pad_done
          (loop $pad
            (br_if $pad_done (i32.ge_u (local.get $j) (local.get $s)))
            (f64.store (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 3))) (f64.const 0))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $pad)))
        (br $rows))))

  ;; syrk: G += Σᵢ w[i]·aᵢaᵢᵀ for the n rows of A, on every 2 × 4 tile of G that touches the
  ;; upper triangle of its first q rows and columns (tiles on the diagonal also fill a few
  ;; entries below it; callers read the upper triangle only). Rows go in blocks of 64 (12 KiB
  ;; at s = 24, inside L1); within a block each tile's 4 two-lane sums stay in registers, so
  ;; one row costs 2 loads of A, one of the row's two weighted j values and 8 multiply-adds.
  (func (export "syrk")
    (param $a i32) (param $n i32) (param $s i32) (param $q i32) (param $w i32) (param $g i32)
    (local $rs i32) (local $i0 i32) (local $i1 i32) (local $jb i32) (local $kb i32)
    (local $gp i32) (local $pj i32) (local $pk i32) (local $pw i32) (local $end i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $v v128) (local $s0 v128) (local $s1 v128) (local $x0 v128) (local $x1 v128)
    (local.set $rs (i32.shl (local.get $s) (i32.const 3)))
    (block $blocks_done
      (loop $blocks
        (br_if $blocks_done (i32.ge_u (local.get $i0) (local.get $n)))
        (local.set $i1 (i32.add (local.get $i0) (i32.const 64)))
        (if (i32.gt_u (local.get $i1) (local.get $n)) (then (local.set $i1 (local.get $n))))
        (local.set $jb (i32.const 0))
        (loop $js
          (local.set $kb (i32.and (local.get $jb) (i32.const -4)))
          (loop $ks
            (local.set $gp (i32.add (local.get $g)
              (i32.shl (i32.add (i32.mul (local.get $jb) (local.get $s)) (local.get $kb)) (i32.const 3))))
            (local.set $c00 (v128.load (local.get $gp)))
            (local.set $c01 (v128.load offset=16 (local.get $gp)))
            (local.set $c10 (v128.load (i32.add (local.get $gp) (local.get $rs))))
            (local.set $c11 (v128.load offset=16 (i32.add (local.get $gp) (local.get $rs))))
            (local.set $pj (i32.add (i32.add (local.get $a) (i32.mul (local.get $i0) (local.get $rs)))
              (i32.shl (local.get $jb) (i32.const 3))))
            (local.set $pk (i32.add (i32.add (local.get $a) (i32.mul (local.get $i0) (local.get $rs)))
              (i32.shl (local.get $kb) (i32.const 3))))
            (local.set $pw (i32.add (local.get $w) (i32.shl (local.get $i0) (i32.const 3))))
            (local.set $end (i32.add (local.get $w) (i32.shl (local.get $i1) (i32.const 3))))
            (loop $rows
              (local.set $v (f64x2.mul (v128.load (local.get $pj)) (v128.load64_splat (local.get $pw))))
              (local.set $s0 (i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))
              (local.set $s1 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $v) (local.get $v)))
              (local.set $x0 (v128.load (local.get $pk)))
              (local.set $x1 (v128.load offset=16 (local.get $pk)))
              (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $s0) (local.get $x0))))
              (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $s0) (local.get $x1))))
              (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $s1) (local.get $x0))))
              (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $s1) (local.get $x1))))
              (local.set $pj (i32.add (local.get $pj) (local.get $rs)))
              (local.set $pk (i32.add (local.get $pk) (local.get $rs)))
              (local.set $pw (i32.add (local.get $pw) (i32.const 8)))
              (br_if $rows (i32.lt_u (local.get $pw) (local.get $end))))
            (v128.store (local.get $gp) (local.get $c00))
            (v128.store offset=16 (local.get $gp) (local.get $c01))
            (v128.store (i32.add (local.get $gp) (local.get $rs)) (local.get $c10))
            (v128.store offset=16 (i32.add (local.get $gp) (local.get $rs)) (local.get $c11))
            (local.set $kb (i32.add (local.get $kb) (i32.const 4)))
            (br_if $ks (i32.lt_u (local.get $kb) (local.get $s))))
          (local.set $jb (i32.add (local.get $jb) (i32.const 2)))
          (br_if $js (i32.lt_u (local.get $jb) (local.get $q))))
        (local.set $i0 (local.get $i1))
        (br $blocks))))

;; shift: A[i][k] −= c[k] for every row and every k < s, row by row.
  (func (export "shift") (param $a i32) (param $n i32) (param $s i32) (param $c i32)
    (local $rs i32) (local $k i32) (local $pa i32) (local $end i32)
    (local.set $rs (i32.shl (local.get $s) (i32.const 3)))
    (local.set $end (i32.add (local.get $a) (i32.mul (local.get $n) (local.get $rs))))
    (local.set $pa (local.get $a))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $pa) (local.get $end)))
        (local.set $k (i32.const 0))
        (loop $cols
          (v128.store (i32.add (local.get $pa) (local.get $k))
            (f64x2.sub (v128.load (i32.add (local.get $pa) (local.get $k))) (v128.load (i32.add (local.get $c) (local.get $k)))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $cols (i32.lt_u (local.get $k) (local.get $rs))))
        (local.set $pa (i32.add (local.get $pa) (local.get $rs)))
        (br $rows))))

  ;; project: out[k] = Σᵢ w[i]·(Aᵢ·v)·A[i][k] for k < s, overwriting out (Aᵀ·W·A·v in one pass:
  ;; with v = [−β, 1, 0 …] on rows [x, y, 0 …] it is XᵀW(y − Xβ), least squares' residual step).
  (func (export "project") (param $a i32) (param $n i32) (param $s i32) (param $v i32) (param $w i32) (param $out i32)
    (local $rs i32) (local $k i32) (local $pa i32) (local $pw i32) (local $end i32)
    (local $dot v128) (local $r v128)
    (local.set $rs (i32.shl (local.get $s) (i32.const 3)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $k (i32.const 0))
    (block $zero_done
      (loop $zero
        (br_if $zero_done (i32.ge_u (local.get $k) (local.get $s)))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))) (v128.const f64x2 0 0))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $zero)))
    (local.set $pa (local.get $a))
    (local.set $pw (local.get $w))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $pw) (local.get $end)))
        (local.set $dot (v128.const f64x2 0 0))
        (local.set $k (i32.const 0))
        (loop $d
          (local.set $dot (f64x2.add (local.get $dot)
            (f64x2.mul (v128.load (i32.add (local.get $pa) (i32.shl (local.get $k) (i32.const 3))))
                       (v128.load (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 3)))))))
          (local.set $k (i32.add (local.get $k) (i32.const 2)))
          (br_if $d (i32.lt_u (local.get $k) (local.get $s))))
        (local.set $r (f64x2.splat (f64.mul (f64.load (local.get $pw))
          (f64.add (f64x2.extract_lane 0 (local.get $dot)) (f64x2.extract_lane 1 (local.get $dot))))))
        (local.set $k (i32.const 0))
        (loop $u
          (v128.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3)))
            (f64x2.add (v128.load (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))))
              (f64x2.mul (local.get $r) (v128.load (i32.add (local.get $pa) (i32.shl (local.get $k) (i32.const 3)))))))
          (local.set $k (i32.add (local.get $k) (i32.const 2)))
          (br_if $u (i32.lt_u (local.get $k) (local.get $s))))
        (local.set $pa (i32.add (local.get $pa) (local.get $rs)))
        (local.set $pw (i32.add (local.get $pw) (i32.const 8)))
        (br $rows))))

  ;; dots: out[i] = Aᵢ·v for every row (the scores of a linear model on the packed rows).
  (func (export "dots") (param $a i32) (param $n i32) (param $s i32) (param $v i32) (param $out i32)
    (local $rs i32) (local $k i32) (local $pa i32) (local $po i32) (local $end i32) (local $dot v128)
    (local.set $rs (i32.shl (local.get $s) (i32.const 3)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $pa (local.get $a))
    (local.set $po (local.get $out))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $po) (local.get $end)))
        (local.set $dot (v128.const f64x2 0 0))
        (local.set $k (i32.const 0))
        (loop $d
          (local.set $dot (f64x2.add (local.get $dot)
            (f64x2.mul (v128.load (i32.add (local.get $pa) (i32.shl (local.get $k) (i32.const 3))))
                       (v128.load (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 3)))))))
          (local.set $k (i32.add (local.get $k) (i32.const 2)))
          (br_if $d (i32.lt_u (local.get $k) (local.get $s))))
        (f64.store (local.get $po) (f64.add (f64x2.extract_lane 0 (local.get $dot)) (f64x2.extract_lane 1 (local.get $dot))))
        (local.set $pa (i32.add (local.get $pa) (local.get $rs)))
        (local.set $po (i32.add (local.get $po) (i32.const 8)))
        (br $rows))))
  ;; The three column reductions below walk the rows in order (row-major A: each row is read
  ;; once, whole) and keep the s running sums in `out`, which stays in L1; a column-by-column
  ;; walk would stream all of A once per pair of columns.

  ;; colsums: out[k] = Σᵢ w[i]·A[i][k] for k < s, overwriting out.
  (func (export "colsums") (param $a i32) (param $n i32) (param $s i32) (param $w i32) (param $out i32)
    (local $k i32) (local $pa i32) (local $pw i32) (local $end i32) (local $wv v128) (local $po i32)
    (call $zero (local.get $out) (local.get $s))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $pa (local.get $a))
    (local.set $pw (local.get $w))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $pw) (local.get $end)))
        (local.set $wv (v128.load64_splat (local.get $pw)))
        (local.set $k (i32.const 0))
        (loop $cols
          (local.set $po (i32.add (local.get $out) (local.get $k)))
          (v128.store (local.get $po) (f64x2.add (v128.load (local.get $po))
            (f64x2.mul (v128.load (i32.add (local.get $pa) (local.get $k))) (local.get $wv))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $cols (i32.lt_u (local.get $k) (i32.shl (local.get $s) (i32.const 3)))))
        (local.set $pa (i32.add (local.get $pa) (i32.shl (local.get $s) (i32.const 3))))
        (local.set $pw (i32.add (local.get $pw) (i32.const 8)))
        (br $rows))))

  ;; sqdev: out[k] = Σᵢ w[i]·(A[i][k] − c[k])² for k < s, overwriting out.
  (func (export "sqdev") (param $a i32) (param $n i32) (param $s i32) (param $w i32) (param $c i32) (param $out i32)
    (local $k i32) (local $pa i32) (local $pw i32) (local $end i32) (local $wv v128) (local $po i32) (local $d v128)
    (call $zero (local.get $out) (local.get $s))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $pa (local.get $a))
    (local.set $pw (local.get $w))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $pw) (local.get $end)))
        (local.set $wv (v128.load64_splat (local.get $pw)))
        (local.set $k (i32.const 0))
        (loop $cols
          (local.set $po (i32.add (local.get $out) (local.get $k)))
          (local.set $d (f64x2.sub (v128.load (i32.add (local.get $pa) (local.get $k))) (v128.load (i32.add (local.get $c) (local.get $k)))))
          (v128.store (local.get $po) (f64x2.add (v128.load (local.get $po))
            (f64x2.mul (f64x2.mul (local.get $d) (local.get $d)) (local.get $wv))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $cols (i32.lt_u (local.get $k) (i32.shl (local.get $s) (i32.const 3)))))
        (local.set $pa (i32.add (local.get $pa) (i32.shl (local.get $s) (i32.const 3))))
        (local.set $pw (i32.add (local.get $pw) (i32.const 8)))
        (br $rows))))

  ;; stats: colsums and two counts in one pass over the rows (three passes' reading of A in
  ;; one), for k < s, overwriting the three outputs: sums[k] = Σᵢ w[i]·A[i][k] (colsums, the
  ;; same sums in the same order), nonzero[k] = the number of rows with A[i][k] ≠ 0 whatever
  ;; their weight, differ[k] = the number of rows with w[i] ≠ 0 and A[i][k] ≠ c[k] (all-ones lanes where both
  ;; hold, masked onto 1.0).
  (func (export "stats") (param $a i32) (param $n i32) (param $s i32) (param $w i32) (param $c i32) (param $sums i32) (param $nonzero i32) (param $differ i32)
    (local $k i32) (local $pa i32) (local $pw i32) (local $end i32) (local $wv v128) (local $live v128) (local $x v128) (local $po i32)
    (call $zero (local.get $sums) (local.get $s))
    (call $zero (local.get $nonzero) (local.get $s))
    (call $zero (local.get $differ) (local.get $s))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $pa (local.get $a))
    (local.set $pw (local.get $w))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $pw) (local.get $end)))
        (local.set $wv (v128.load64_splat (local.get $pw)))
        (local.set $live (v128.and (f64x2.ne (local.get $wv) (v128.const f64x2 0 0)) (v128.const f64x2 1 1)))
        (local.set $k (i32.const 0))
        (loop $cols
          (local.set $x (v128.load (i32.add (local.get $pa) (local.get $k))))
          (local.set $po (i32.add (local.get $sums) (local.get $k)))
          (v128.store (local.get $po) (f64x2.add (v128.load (local.get $po)) (f64x2.mul (local.get $x) (local.get $wv))))
          (local.set $po (i32.add (local.get $nonzero) (local.get $k)))
          (v128.store (local.get $po) (f64x2.add (v128.load (local.get $po))
            (v128.and (f64x2.ne (local.get $x) (v128.const f64x2 0 0)) (v128.const f64x2 1 1))))
          (local.set $po (i32.add (local.get $differ) (local.get $k)))
          (v128.store (local.get $po) (f64x2.add (v128.load (local.get $po))
            (v128.and (f64x2.ne (local.get $x) (v128.load (i32.add (local.get $c) (local.get $k)))) (local.get $live))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $cols (i32.lt_u (local.get $k) (i32.shl (local.get $s) (i32.const 3)))))
        (local.set $pa (i32.add (local.get $pa) (i32.shl (local.get $s) (i32.const 3))))
        (local.set $pw (i32.add (local.get $pw) (i32.const 8)))
        (br $rows))))

  ;; zero: out[k] = 0 for k < s.
  (func $zero (param $out i32) (param $s i32)
    (local $k i32)
    (loop $z
      (v128.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))) (v128.const f64x2 0 0))
      (local.set $k (i32.add (local.get $k) (i32.const 2)))
      (br_if $z (i32.lt_u (local.get $k) (local.get $s)))))

  ;; affine: out[i] = b + Σⱼ w[j]·X[i][j] for n rows of p values at x (row stride `stride`
  ;; values), each sum in the order of a plain loop (b first, then j = 0, 1, …: a multiply,
  ;; then an add), so bit for bit the JavaScript `linearScores`. Lanes hold rows, not columns:
  ;; eight rows at a time in four f64x2 sums, each lane its own row's sequential sum; the last
  ;; rows one by one.
  (func (export "affine") (param $x i32) (param $n i32) (param $p i32) (param $stride i32) (param $w i32) (param $b f64) (param $out i32)
    (local $rb i32) (local $i i32) (local $j i32) (local $pr i32) (local $pj i32) (local $end i32) (local $pb i32)
    (local $c v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $t f64)
    (local.set $rb (i32.shl (local.get $stride) (i32.const 3)))
    (local.set $pb (i32.shl (local.get $p) (i32.const 3)))
    (block $blocks_done
      (loop $blocks
        (br_if $blocks_done (i32.gt_u (i32.add (local.get $i) (i32.const 8)) (local.get $n)))
        (local.set $a0 (f64x2.splat (local.get $b)))
        (local.set $a1 (local.get $a0))
        (local.set $a2 (local.get $a0))
        (local.set $a3 (local.get $a0))
        (local.set $pr (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $rb))))
        (local.set $pj (local.get $w))
        (local.set $end (i32.add (local.get $w) (local.get $pb)))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $pj) (local.get $end)))
            (local.set $c (v128.load64_splat (local.get $pj)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $c)
              (v128.load64_lane 1 (i32.add (local.get $pr) (local.get $rb)) (v128.load64_splat (local.get $pr))))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $c)
              (v128.load64_lane 1 (i32.add (local.get $pr) (i32.mul (local.get $rb) (i32.const 3)))
                (v128.load64_splat (i32.add (local.get $pr) (i32.shl (local.get $rb) (i32.const 1))))))))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $c)
              (v128.load64_lane 1 (i32.add (local.get $pr) (i32.mul (local.get $rb) (i32.const 5)))
                (v128.load64_splat (i32.add (local.get $pr) (i32.shl (local.get $rb) (i32.const 2))))))))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $c)
              (v128.load64_lane 1 (i32.add (local.get $pr) (i32.mul (local.get $rb) (i32.const 7)))
                (v128.load64_splat (i32.add (local.get $pr) (i32.mul (local.get $rb) (i32.const 6))))))))
            (local.set $pr (i32.add (local.get $pr) (i32.const 8)))
            (local.set $pj (i32.add (local.get $pj) (i32.const 8)))
            (br $cols)))
        (local.set $pr (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))))
        (v128.store (local.get $pr) (local.get $a0))
        (v128.store offset=16 (local.get $pr) (local.get $a1))
        (v128.store offset=32 (local.get $pr) (local.get $a2))
        (v128.store offset=48 (local.get $pr) (local.get $a3))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $blocks)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $t (local.get $b))
        (local.set $pr (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $rb))))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $j) (local.get $pb)))
            (local.set $t (f64.add (local.get $t) (f64.mul
              (f64.load (i32.add (local.get $w) (local.get $j)))
              (f64.load (i32.add (local.get $pr) (local.get $j))))))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $cols)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) (local.get $t))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; finite: 1 when the n f64 values at x are all finite (no NaN, no ±∞), else 0. v·0 is 0
  ;; for a finite v and NaN otherwise, so one running sum (two lanes) answers without a branch
  ;; per value. For the scores of `affine`: a NaN or ±∞ input always makes its row's score
  ;; non-finite, so this replaces a scan of the inputs.
  (func (export "finite") (param $x i32) (param $n i32) (result i32)
    (local $end i32) (local $pairs i32) (local $acc v128) (local $t f64)
    (local.set $pairs (i32.add (local.get $x) (i32.shl (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 4))))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $two
        (br_if $done (i32.ge_u (local.get $x) (local.get $pairs)))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (v128.load (local.get $x)) (v128.const f64x2 0 0))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $two)))
    (local.set $t (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
    (if (i32.lt_u (local.get $x) (local.get $end))
      (then (local.set $t (f64.add (local.get $t) (f64.mul (f64.load (local.get $x)) (f64.const 0))))))
    (f64.eq (local.get $t) (f64.const 0)))

  ;; positives: writes the indices i < n with x[i] > 0 (n f64 at x), in order, as i32 at idx;
  ;; returns how many. For a binary classifier's labels: only those rows can go to the second
  ;; class, so the JavaScript loop that writes labels visits them alone.
  (func (export "positives") (param $x i32) (param $n i32) (param $idx i32) (result i32)
    (local $i i32) (local $count i32)
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (f64.gt (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))) (f64.const 0))
          (then
            (i32.store (i32.add (local.get $idx) (i32.shl (local.get $count) (i32.const 2))) (local.get $i))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (local.get $count))

  ;; The two sparse-row kernels below read rows in compressed form: row i's entries are
  ;; [start[i], start[i + 1]) (i32 entry indices), column col[q] (i32) and value val[q] (f64).
  ;; Scalar code: each entry is a gather or a scatter through its column, which SIMD lanes
  ;; cannot share; what WebAssembly saves over the JavaScript loop is the bounds check of every
  ;; typed-array access and the warm-up (it is compiled before its first call).

  ;; csrdots: out[i] = b + Σ_q v[col[q]]·val[q] over row i's entries, summed in entry order
  ;; (b first; a multiply, then an add), bit for bit the JavaScript sparse loss's scores.
  (func (export "csrdots") (param $start i32) (param $col i32) (param $val i32) (param $n i32) (param $v i32) (param $b f64) (param $out i32)
    (local $q i32) (local $end i32) (local $po i32) (local $last i32) (local $t f64)
    (local.set $q (i32.load (local.get $start)))
    (local.set $po (local.get $out))
    (local.set $last (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $po) (local.get $last)))
        (local.set $start (i32.add (local.get $start) (i32.const 4)))
        (local.set $end (i32.load (local.get $start)))
        (local.set $t (local.get $b))
        (block $entries_done
          (loop $entries
            (br_if $entries_done (i32.ge_u (local.get $q) (local.get $end)))
            (local.set $t (f64.add (local.get $t) (f64.mul
              (f64.load (i32.add (local.get $v) (i32.shl (i32.load (i32.add (local.get $col) (i32.shl (local.get $q) (i32.const 2)))) (i32.const 3))))
              (f64.load (i32.add (local.get $val) (i32.shl (local.get $q) (i32.const 3)))))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $entries)))
        (f64.store (local.get $po) (local.get $t))
        (local.set $po (i32.add (local.get $po) (i32.const 8)))
        (br $rows))))

  ;; csrscatter: g[j] = Σᵢ Σ_q r[i]·val[q] over the entries q of row i in column j, for j < p
  ;; (g overwritten), rows in order and each row's entries in order: bit for bit the
  ;; JavaScript sparse loss's gradient. Rows with r[i] = 0 are passed over: they would add
  ;; only zeros.
  (func (export "csrscatter") (param $start i32) (param $col i32) (param $val i32) (param $n i32) (param $r i32) (param $g i32) (param $p i32)
    (local $q i32) (local $end i32) (local $pr i32) (local $last i32) (local $ri f64) (local $pg i32)
    (memory.fill (local.get $g) (i32.const 0) (i32.shl (local.get $p) (i32.const 3)))
    (local.set $q (i32.load (local.get $start)))
    (local.set $pr (local.get $r))
    (local.set $last (i32.add (local.get $r) (i32.shl (local.get $n) (i32.const 3))))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $pr) (local.get $last)))
        (local.set $start (i32.add (local.get $start) (i32.const 4)))
        (local.set $end (i32.load (local.get $start)))
        (local.set $ri (f64.load (local.get $pr)))
        (if (f64.eq (local.get $ri) (f64.const 0)) (then (local.set $q (local.get $end))))
        (block $entries_done
          (loop $entries
            (br_if $entries_done (i32.ge_u (local.get $q) (local.get $end)))
            (local.set $pg (i32.add (local.get $g) (i32.shl (i32.load (i32.add (local.get $col) (i32.shl (local.get $q) (i32.const 2)))) (i32.const 3))))
            (f64.store (local.get $pg) (f64.add (f64.load (local.get $pg))
              (f64.mul (local.get $ri) (f64.load (i32.add (local.get $val) (i32.shl (local.get $q) (i32.const 3)))))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $entries)))
        (local.set $pr (i32.add (local.get $pr) (i32.const 8)))
        (br $rows))))
)
