;; The walk of a forest packed by ranked-forest.ts: 8 bytes a node, threshold ranks instead of
;; thresholds. In WebAssembly because the walk is a chain of dependent loads and integer steps,
;; and plain JavaScript spends on every step bounds checks and tagging that WebAssembly does not.
;;
;; Layout (byte offsets; the caller places each part and passes or sets the offsets):
;;   nodes       per node, two i32: the code, then the byte address of its first child (the
;;               left child there, the right child 8 bytes on). Inner code: rank << shift |
;;               feature << 2 (the byte offset of its rank) | missingGoesRight, positive. Leaf code: 0x80000000 |
;;               leafIndex << shift (negative, feature 0); a leaf's first child is itself.
;;   leafValues  f64, K per leaf, leaves numbered tree by tree from leafBase[t].
;;   leafBase    i32 per tree; roots: i32 per tree, the root's byte address.
;;   ranks       i32, `rowBytes` a row: the row's threshold rank per feature, -1 for NaN.
;;   out         f64, K per row, added to.
;;
;; A step: v = rank of the node's feature; go right when v > the node's rank, or when v is -1
;; (NaN) and the node sends missing values right: the same decision as `x > threshold`, or
;; NaN and missingGoesRight, on the values themselves (a call whose ranks hold no -1 takes
;; steps without that second test: $walk4, $walk8; with one, $walk4Missing, $walk8Missing). A leaf's rank field (read unsigned) is
;; above every rank, so a lane at its leaf steps onto itself while the others go on: eight
;; walks go in lockstep, eight independent chains of loads the processor overlaps. Eight
;; measured faster than four (batch 4.0–4.4 → 3.5–4.0 µs a row over 100 deep trees; one row
;; cycling through 1,000 rows 12–32 → 7.5–19 µs) and than sixteen (whose 32 live values spill).
;; Tried and slower: lanes that start their next row as soon as theirs reaches a leaf (a branch
;; per lane per step), one row's trees as a queue of unfinished walks compacted every round.
(module
  (memory (export "memory") 1)
  (global $shift (mut i32) (i32.const 0))
  (global $k (mut i32) (i32.const 0))
  (global $leafValues (mut i32) (i32.const 0))
  (global $leafBase (mut i32) (i32.const 0))
  (global $roots (mut i32) (i32.const 0))
  ;; whether the ranks of this call hold a -1 (a missing value): set by byRow and byTree
  (global $missing (mut i32) (i32.const 0))
  (global $l0 (mut i32) (i32.const 0))
  (global $l1 (mut i32) (i32.const 0))
  (global $l2 (mut i32) (i32.const 0))
  (global $l3 (mut i32) (i32.const 0))
  (global $l4 (mut i32) (i32.const 0))
  (global $l5 (mut i32) (i32.const 0))
  (global $l6 (mut i32) (i32.const 0))
  (global $l7 (mut i32) (i32.const 0))

  ;; Sets the forest's layout, once per instance.
  (func (export "init") (param $shift i32) (param $k i32) (param $leafValues i32) (param $leafBase i32) (param $roots i32)
    (global.set $shift (local.get $shift))
    (global.set $k (local.get $k))
    (global.set $leafValues (local.get $leafValues))
    (global.set $leafBase (local.get $leafBase))
    (global.set $roots (local.get $roots)))

  ;; Four walks (ranks row address, node address) in lockstep; their leaf codes into $l0 .. $l3.
  ;; For the trees and rows left after the groups of eight.
  (func $walk4 (param $r0 i32) (param $a0 i32) (param $r1 i32) (param $a1 i32)
               (param $r2 i32) (param $a2 i32) (param $r3 i32) (param $a3 i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $v i32)
    (local $shift i32) (local $fmask i32)
    ;; a batch with missing values takes the steps that test for them
    (if (global.get $missing) (then (call $walk4Missing (local.get $r0) (local.get $a0) (local.get $r1) (local.get $a1) (local.get $r2) (local.get $a2) (local.get $r3) (local.get $a3)) (return)))
    (local.set $shift (global.get $shift))
    ;; the feature field, 4 · feature: the byte offset of the feature's rank in the row
    (local.set $fmask (i32.and (i32.sub (i32.shl (i32.const 1) (local.get $shift)) (i32.const 1)) (i32.const -4)))
    (local.set $c0 (i32.load (local.get $a0)))
    (local.set $c1 (i32.load (local.get $a1)))
    (local.set $c2 (i32.load (local.get $a2)))
    (local.set $c3 (i32.load (local.get $a3)))
    (block $done
      (loop $steps
        ;; all four codes negative: all four lanes at their leaves
        (br_if $done (i32.lt_s (i32.and (i32.and (local.get $c0) (local.get $c1)) (i32.and (local.get $c2) (local.get $c3))) (i32.const 0)))
      ;; lane 0
      (local.set $v (i32.load (i32.add (local.get $r0) (i32.and (local.get $c0) (local.get $fmask)))))
      (local.set $a0 (i32.add (i32.load offset=4 (local.get $a0))
        (i32.shl (i32.gt_s (local.get $v) (i32.shr_u (local.get $c0) (local.get $shift)))
                 (i32.const 3))))
      (local.set $c0 (i32.load (local.get $a0)))
      ;; lane 1
      (local.set $v (i32.load (i32.add (local.get $r1) (i32.and (local.get $c1) (local.get $fmask)))))
      (local.set $a1 (i32.add (i32.load offset=4 (local.get $a1))
        (i32.shl (i32.gt_s (local.get $v) (i32.shr_u (local.get $c1) (local.get $shift)))
                 (i32.const 3))))
      (local.set $c1 (i32.load (local.get $a1)))
      ;; lane 2
      (local.set $v (i32.load (i32.add (local.get $r2) (i32.and (local.get $c2) (local.get $fmask)))))
      (local.set $a2 (i32.add (i32.load offset=4 (local.get $a2))
        (i32.shl (i32.gt_s (local.get $v) (i32.shr_u (local.get $c2) (local.get $shift)))
                 (i32.const 3))))
      (local.set $c2 (i32.load (local.get $a2)))
      ;; lane 3
      (local.set $v (i32.load (i32.add (local.get $r3) (i32.and (local.get $c3) (local.get $fmask)))))
      (local.set $a3 (i32.add (i32.load offset=4 (local.get $a3))
        (i32.shl (i32.gt_s (local.get $v) (i32.shr_u (local.get $c3) (local.get $shift)))
                 (i32.const 3))))
      (local.set $c3 (i32.load (local.get $a3)))
        (br $steps)))
    (global.set $l0 (local.get $c0))
    (global.set $l1 (local.get $c1))
    (global.set $l2 (local.get $c2))
    (global.set $l3 (local.get $c3)))

  ;; $walk4 for ranks that may hold -1 (missing values): each step also goes right when the
  ;; rank is -1 and the node sends missing values right. Three more operations a step than
  ;; $walk4, which measured 13% of the batch time: rows with no missing value skip them.
  (func $walk4Missing (param $r0 i32) (param $a0 i32) (param $r1 i32) (param $a1 i32)
               (param $r2 i32) (param $a2 i32) (param $r3 i32) (param $a3 i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $v i32)
    (local $shift i32) (local $fmask i32)
    (local.set $shift (global.get $shift))
    ;; the feature field, 4 · feature: the byte offset of the feature's rank in the row
    (local.set $fmask (i32.and (i32.sub (i32.shl (i32.const 1) (local.get $shift)) (i32.const 1)) (i32.const -4)))
    (local.set $c0 (i32.load (local.get $a0)))
    (local.set $c1 (i32.load (local.get $a1)))
    (local.set $c2 (i32.load (local.get $a2)))
    (local.set $c3 (i32.load (local.get $a3)))
    (block $done
      (loop $steps
        ;; all four codes negative: all four lanes at their leaves
        (br_if $done (i32.lt_s (i32.and (i32.and (local.get $c0) (local.get $c1)) (i32.and (local.get $c2) (local.get $c3))) (i32.const 0)))
      ;; lane 0
      (local.set $v (i32.load (i32.add (local.get $r0) (i32.and (local.get $c0) (local.get $fmask)))))
      (local.set $a0 (i32.add (i32.load offset=4 (local.get $a0))
        (i32.shl (i32.or (i32.gt_s (local.get $v) (i32.shr_u (local.get $c0) (local.get $shift)))
                         (i32.and (i32.shr_u (local.get $v) (i32.const 31)) (local.get $c0)))
                 (i32.const 3))))
      (local.set $c0 (i32.load (local.get $a0)))
      ;; lane 1
      (local.set $v (i32.load (i32.add (local.get $r1) (i32.and (local.get $c1) (local.get $fmask)))))
      (local.set $a1 (i32.add (i32.load offset=4 (local.get $a1))
        (i32.shl (i32.or (i32.gt_s (local.get $v) (i32.shr_u (local.get $c1) (local.get $shift)))
                         (i32.and (i32.shr_u (local.get $v) (i32.const 31)) (local.get $c1)))
                 (i32.const 3))))
      (local.set $c1 (i32.load (local.get $a1)))
      ;; lane 2
      (local.set $v (i32.load (i32.add (local.get $r2) (i32.and (local.get $c2) (local.get $fmask)))))
      (local.set $a2 (i32.add (i32.load offset=4 (local.get $a2))
        (i32.shl (i32.or (i32.gt_s (local.get $v) (i32.shr_u (local.get $c2) (local.get $shift)))
                         (i32.and (i32.shr_u (local.get $v) (i32.const 31)) (local.get $c2)))
                 (i32.const 3))))
      (local.set $c2 (i32.load (local.get $a2)))
      ;; lane 3
      (local.set $v (i32.load (i32.add (local.get $r3) (i32.and (local.get $c3) (local.get $fmask)))))
      (local.set $a3 (i32.add (i32.load offset=4 (local.get $a3))
        (i32.shl (i32.or (i32.gt_s (local.get $v) (i32.shr_u (local.get $c3) (local.get $shift)))
                         (i32.and (i32.shr_u (local.get $v) (i32.const 31)) (local.get $c3)))
                 (i32.const 3))))
      (local.set $c3 (i32.load (local.get $a3)))
        (br $steps)))
    (global.set $l0 (local.get $c0))
    (global.set $l1 (local.get $c1))
    (global.set $l2 (local.get $c2))
    (global.set $l3 (local.get $c3)))

  ;; out[0 .. K] += tree t's leaf values for leaf code $code.
  (func $addLeaf (param $t i32) (param $code i32) (param $out i32)
    (local $at i32) (local $end i32)
    (local.set $at (i32.add (global.get $leafValues)
      (i32.shl (i32.mul (global.get $k)
                        (i32.add (i32.load (i32.add (global.get $leafBase) (i32.shl (local.get $t) (i32.const 2))))
                                 (i32.shr_u (i32.and (local.get $code) (i32.const 0x7fffffff)) (global.get $shift))))
               (i32.const 3))))
    (local.set $end (i32.add (local.get $out) (i32.shl (global.get $k) (i32.const 3))))
    (loop $outputs
      (f64.store (local.get $out) (f64.add (f64.load (local.get $out)) (f64.load (local.get $at))))
      (local.set $at (i32.add (local.get $at) (i32.const 8)))
      (local.set $out (i32.add (local.get $out) (i32.const 8)))
      (br_if $outputs (i32.lt_u (local.get $out) (local.get $end)))))

  (func $root (param $t i32) (result i32)
    (i32.load (i32.add (global.get $roots) (i32.shl (local.get $t) (i32.const 2)))))

  ;; Eight walks (ranks row address, node address) in lockstep; their leaf codes into $l0 .. $l7.
  (func $walk8 (param $r0 i32) (param $a0 i32) (param $r1 i32) (param $a1 i32) (param $r2 i32) (param $a2 i32) (param $r3 i32) (param $a3 i32) (param $r4 i32) (param $a4 i32) (param $r5 i32) (param $a5 i32) (param $r6 i32) (param $a6 i32) (param $r7 i32) (param $a7 i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $c4 i32) (local $c5 i32) (local $c6 i32) (local $c7 i32) (local $v i32) (local $shift i32) (local $fmask i32)
    ;; a batch with missing values takes the steps that test for them
    (if (global.get $missing) (then (call $walk8Missing (local.get $r0) (local.get $a0) (local.get $r1) (local.get $a1) (local.get $r2) (local.get $a2) (local.get $r3) (local.get $a3) (local.get $r4) (local.get $a4) (local.get $r5) (local.get $a5) (local.get $r6) (local.get $a6) (local.get $r7) (local.get $a7)) (return)))
    (local.set $shift (global.get $shift))
    (local.set $fmask (i32.and (i32.sub (i32.shl (i32.const 1) (local.get $shift)) (i32.const 1)) (i32.const -4)))
    (local.set $c0 (i32.load (local.get $a0)))
    (local.set $c1 (i32.load (local.get $a1)))
    (local.set $c2 (i32.load (local.get $a2)))
    (local.set $c3 (i32.load (local.get $a3)))
    (local.set $c4 (i32.load (local.get $a4)))
    (local.set $c5 (i32.load (local.get $a5)))
    (local.set $c6 (i32.load (local.get $a6)))
    (local.set $c7 (i32.load (local.get $a7)))
    (block $done
      (loop $steps
        ;; all eight codes negative: all eight lanes at their leaves
        (br_if $done (i32.lt_s (i32.and (i32.and (i32.and (local.get $c0) (local.get $c1)) (i32.and (local.get $c2) (local.get $c3)))
                                         (i32.and (i32.and (local.get $c4) (local.get $c5)) (i32.and (local.get $c6) (local.get $c7)))) (i32.const 0)))
        (local.set $v (i32.load (i32.add (local.get $r0) (i32.and (local.get $c0) (local.get $fmask)))))
        (local.set $a0 (i32.add (i32.load offset=4 (local.get $a0))
          (i32.shl (i32.gt_s (local.get $v) (i32.shr_u (local.get $c0) (local.get $shift)))
                   (i32.const 3))))
        (local.set $c0 (i32.load (local.get $a0)))
        (local.set $v (i32.load (i32.add (local.get $r1) (i32.and (local.get $c1) (local.get $fmask)))))
        (local.set $a1 (i32.add (i32.load offset=4 (local.get $a1))
          (i32.shl (i32.gt_s (local.get $v) (i32.shr_u (local.get $c1) (local.get $shift)))
                   (i32.const 3))))
        (local.set $c1 (i32.load (local.get $a1)))
        (local.set $v (i32.load (i32.add (local.get $r2) (i32.and (local.get $c2) (local.get $fmask)))))
        (local.set $a2 (i32.add (i32.load offset=4 (local.get $a2))
          (i32.shl (i32.gt_s (local.get $v) (i32.shr_u (local.get $c2) (local.get $shift)))
                   (i32.const 3))))
        (local.set $c2 (i32.load (local.get $a2)))
        (local.set $v (i32.load (i32.add (local.get $r3) (i32.and (local.get $c3) (local.get $fmask)))))
        (local.set $a3 (i32.add (i32.load offset=4 (local.get $a3))
          (i32.shl (i32.gt_s (local.get $v) (i32.shr_u (local.get $c3) (local.get $shift)))
                   (i32.const 3))))
        (local.set $c3 (i32.load (local.get $a3)))
        (local.set $v (i32.load (i32.add (local.get $r4) (i32.and (local.get $c4) (local.get $fmask)))))
        (local.set $a4 (i32.add (i32.load offset=4 (local.get $a4))
          (i32.shl (i32.gt_s (local.get $v) (i32.shr_u (local.get $c4) (local.get $shift)))
                   (i32.const 3))))
        (local.set $c4 (i32.load (local.get $a4)))
        (local.set $v (i32.load (i32.add (local.get $r5) (i32.and (local.get $c5) (local.get $fmask)))))
        (local.set $a5 (i32.add (i32.load offset=4 (local.get $a5))
          (i32.shl (i32.gt_s (local.get $v) (i32.shr_u (local.get $c5) (local.get $shift)))
                   (i32.const 3))))
        (local.set $c5 (i32.load (local.get $a5)))
        (local.set $v (i32.load (i32.add (local.get $r6) (i32.and (local.get $c6) (local.get $fmask)))))
        (local.set $a6 (i32.add (i32.load offset=4 (local.get $a6))
          (i32.shl (i32.gt_s (local.get $v) (i32.shr_u (local.get $c6) (local.get $shift)))
                   (i32.const 3))))
        (local.set $c6 (i32.load (local.get $a6)))
        (local.set $v (i32.load (i32.add (local.get $r7) (i32.and (local.get $c7) (local.get $fmask)))))
        (local.set $a7 (i32.add (i32.load offset=4 (local.get $a7))
          (i32.shl (i32.gt_s (local.get $v) (i32.shr_u (local.get $c7) (local.get $shift)))
                   (i32.const 3))))
        (local.set $c7 (i32.load (local.get $a7)))
        (br $steps)))
    (global.set $l0 (local.get $c0))
    (global.set $l1 (local.get $c1))
    (global.set $l2 (local.get $c2))
    (global.set $l3 (local.get $c3))
    (global.set $l4 (local.get $c4))
    (global.set $l5 (local.get $c5))
    (global.set $l6 (local.get $c6))
    (global.set $l7 (local.get $c7)))

  ;; $walk8 for ranks that may hold -1 (missing values): each step also goes right when the
  ;; rank is -1 and the node sends missing values right. Three more operations a step than
  ;; $walk8, which measured 13% of the batch time: rows with no missing value skip them.
  (func $walk8Missing (param $r0 i32) (param $a0 i32) (param $r1 i32) (param $a1 i32) (param $r2 i32) (param $a2 i32) (param $r3 i32) (param $a3 i32) (param $r4 i32) (param $a4 i32) (param $r5 i32) (param $a5 i32) (param $r6 i32) (param $a6 i32) (param $r7 i32) (param $a7 i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $c4 i32) (local $c5 i32) (local $c6 i32) (local $c7 i32) (local $v i32) (local $shift i32) (local $fmask i32)
    (local.set $shift (global.get $shift))
    (local.set $fmask (i32.and (i32.sub (i32.shl (i32.const 1) (local.get $shift)) (i32.const 1)) (i32.const -4)))
    (local.set $c0 (i32.load (local.get $a0)))
    (local.set $c1 (i32.load (local.get $a1)))
    (local.set $c2 (i32.load (local.get $a2)))
    (local.set $c3 (i32.load (local.get $a3)))
    (local.set $c4 (i32.load (local.get $a4)))
    (local.set $c5 (i32.load (local.get $a5)))
    (local.set $c6 (i32.load (local.get $a6)))
    (local.set $c7 (i32.load (local.get $a7)))
    (block $done
      (loop $steps
        ;; all eight codes negative: all eight lanes at their leaves
        (br_if $done (i32.lt_s (i32.and (i32.and (i32.and (local.get $c0) (local.get $c1)) (i32.and (local.get $c2) (local.get $c3)))
                                         (i32.and (i32.and (local.get $c4) (local.get $c5)) (i32.and (local.get $c6) (local.get $c7)))) (i32.const 0)))
        (local.set $v (i32.load (i32.add (local.get $r0) (i32.and (local.get $c0) (local.get $fmask)))))
        (local.set $a0 (i32.add (i32.load offset=4 (local.get $a0))
          (i32.shl (i32.or (i32.gt_s (local.get $v) (i32.shr_u (local.get $c0) (local.get $shift)))
                           (i32.and (i32.shr_u (local.get $v) (i32.const 31)) (local.get $c0)))
                   (i32.const 3))))
        (local.set $c0 (i32.load (local.get $a0)))
        (local.set $v (i32.load (i32.add (local.get $r1) (i32.and (local.get $c1) (local.get $fmask)))))
        (local.set $a1 (i32.add (i32.load offset=4 (local.get $a1))
          (i32.shl (i32.or (i32.gt_s (local.get $v) (i32.shr_u (local.get $c1) (local.get $shift)))
                           (i32.and (i32.shr_u (local.get $v) (i32.const 31)) (local.get $c1)))
                   (i32.const 3))))
        (local.set $c1 (i32.load (local.get $a1)))
        (local.set $v (i32.load (i32.add (local.get $r2) (i32.and (local.get $c2) (local.get $fmask)))))
        (local.set $a2 (i32.add (i32.load offset=4 (local.get $a2))
          (i32.shl (i32.or (i32.gt_s (local.get $v) (i32.shr_u (local.get $c2) (local.get $shift)))
                           (i32.and (i32.shr_u (local.get $v) (i32.const 31)) (local.get $c2)))
                   (i32.const 3))))
        (local.set $c2 (i32.load (local.get $a2)))
        (local.set $v (i32.load (i32.add (local.get $r3) (i32.and (local.get $c3) (local.get $fmask)))))
        (local.set $a3 (i32.add (i32.load offset=4 (local.get $a3))
          (i32.shl (i32.or (i32.gt_s (local.get $v) (i32.shr_u (local.get $c3) (local.get $shift)))
                           (i32.and (i32.shr_u (local.get $v) (i32.const 31)) (local.get $c3)))
                   (i32.const 3))))
        (local.set $c3 (i32.load (local.get $a3)))
        (local.set $v (i32.load (i32.add (local.get $r4) (i32.and (local.get $c4) (local.get $fmask)))))
        (local.set $a4 (i32.add (i32.load offset=4 (local.get $a4))
          (i32.shl (i32.or (i32.gt_s (local.get $v) (i32.shr_u (local.get $c4) (local.get $shift)))
                           (i32.and (i32.shr_u (local.get $v) (i32.const 31)) (local.get $c4)))
                   (i32.const 3))))
        (local.set $c4 (i32.load (local.get $a4)))
        (local.set $v (i32.load (i32.add (local.get $r5) (i32.and (local.get $c5) (local.get $fmask)))))
        (local.set $a5 (i32.add (i32.load offset=4 (local.get $a5))
          (i32.shl (i32.or (i32.gt_s (local.get $v) (i32.shr_u (local.get $c5) (local.get $shift)))
                           (i32.and (i32.shr_u (local.get $v) (i32.const 31)) (local.get $c5)))
                   (i32.const 3))))
        (local.set $c5 (i32.load (local.get $a5)))
        (local.set $v (i32.load (i32.add (local.get $r6) (i32.and (local.get $c6) (local.get $fmask)))))
        (local.set $a6 (i32.add (i32.load offset=4 (local.get $a6))
          (i32.shl (i32.or (i32.gt_s (local.get $v) (i32.shr_u (local.get $c6) (local.get $shift)))
                           (i32.and (i32.shr_u (local.get $v) (i32.const 31)) (local.get $c6)))
                   (i32.const 3))))
        (local.set $c6 (i32.load (local.get $a6)))
        (local.set $v (i32.load (i32.add (local.get $r7) (i32.and (local.get $c7) (local.get $fmask)))))
        (local.set $a7 (i32.add (i32.load offset=4 (local.get $a7))
          (i32.shl (i32.or (i32.gt_s (local.get $v) (i32.shr_u (local.get $c7) (local.get $shift)))
                           (i32.and (i32.shr_u (local.get $v) (i32.const 31)) (local.get $c7)))
                   (i32.const 3))))
        (local.set $c7 (i32.load (local.get $a7)))
        (br $steps)))
    (global.set $l0 (local.get $c0))
    (global.set $l1 (local.get $c1))
    (global.set $l2 (local.get $c2))
    (global.set $l3 (local.get $c3))
    (global.set $l4 (local.get $c4))
    (global.set $l5 (local.get $c5))
    (global.set $l6 (local.get $c6))
    (global.set $l7 (local.get $c7)))

  ;; Few rows: row by row, eight trees of the row in lockstep, added in tree order; the last
  ;; trees (fewer than eight) four at a time, then one at a time.
  (func (export "byRow") (param $ranks i32) (param $nRows i32) (param $rowBytes i32) (param $out i32) (param $nTrees i32) (param $missing i32)
    (local $t i32) (local $i i32) (local $r i32) (local $o i32) (local $outBytes i32)
    (local.set $outBytes (i32.shl (global.get $k) (i32.const 3)))
    (global.set $missing (local.get $missing))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $nRows)))
      (local.set $r (i32.add (local.get $ranks) (i32.mul (local.get $i) (local.get $rowBytes))))
      (local.set $o (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $outBytes))))
      (local.set $t (i32.const 0))
      (block $treesDone (loop $trees
        (br_if $treesDone (i32.ge_u (local.get $t) (local.get $nTrees)))
        (if (i32.le_u (i32.add (local.get $t) (i32.const 8)) (local.get $nTrees))
          (then
            (call $walk8 (local.get $r) (call $root (i32.add (local.get $t) (i32.const 0))) (local.get $r) (call $root (i32.add (local.get $t) (i32.const 1))) (local.get $r) (call $root (i32.add (local.get $t) (i32.const 2))) (local.get $r) (call $root (i32.add (local.get $t) (i32.const 3))) (local.get $r) (call $root (i32.add (local.get $t) (i32.const 4))) (local.get $r) (call $root (i32.add (local.get $t) (i32.const 5))) (local.get $r) (call $root (i32.add (local.get $t) (i32.const 6))) (local.get $r) (call $root (i32.add (local.get $t) (i32.const 7))))
            (call $addLeaf (i32.add (local.get $t) (i32.const 0)) (global.get $l0) (local.get $o))
            (call $addLeaf (i32.add (local.get $t) (i32.const 1)) (global.get $l1) (local.get $o))
            (call $addLeaf (i32.add (local.get $t) (i32.const 2)) (global.get $l2) (local.get $o))
            (call $addLeaf (i32.add (local.get $t) (i32.const 3)) (global.get $l3) (local.get $o))
            (call $addLeaf (i32.add (local.get $t) (i32.const 4)) (global.get $l4) (local.get $o))
            (call $addLeaf (i32.add (local.get $t) (i32.const 5)) (global.get $l5) (local.get $o))
            (call $addLeaf (i32.add (local.get $t) (i32.const 6)) (global.get $l6) (local.get $o))
            (call $addLeaf (i32.add (local.get $t) (i32.const 7)) (global.get $l7) (local.get $o))
            (local.set $t (i32.add (local.get $t) (i32.const 8))))
          (else (if (i32.le_u (i32.add (local.get $t) (i32.const 4)) (local.get $nTrees))
            (then
              (call $walk4 (local.get $r) (call $root (i32.add (local.get $t) (i32.const 0))) (local.get $r) (call $root (i32.add (local.get $t) (i32.const 1))) (local.get $r) (call $root (i32.add (local.get $t) (i32.const 2))) (local.get $r) (call $root (i32.add (local.get $t) (i32.const 3))))
              (call $addLeaf (i32.add (local.get $t) (i32.const 0)) (global.get $l0) (local.get $o))
              (call $addLeaf (i32.add (local.get $t) (i32.const 1)) (global.get $l1) (local.get $o))
              (call $addLeaf (i32.add (local.get $t) (i32.const 2)) (global.get $l2) (local.get $o))
              (call $addLeaf (i32.add (local.get $t) (i32.const 3)) (global.get $l3) (local.get $o))
              (local.set $t (i32.add (local.get $t) (i32.const 4))))
            (else
              (call $walk4 (local.get $r) (call $root (local.get $t)) (local.get $r) (call $root (local.get $t))
                           (local.get $r) (call $root (local.get $t)) (local.get $r) (call $root (local.get $t)))
              (call $addLeaf (local.get $t) (global.get $l0) (local.get $o))
              (local.set $t (i32.add (local.get $t) (i32.const 1)))))))
        (br $trees)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows))))

  ;; Many rows: tree by tree, eight rows of the tree in lockstep (one tree's nodes stay in cache
  ;; while every row walks it); each row's sums still add its trees in tree order. Rows past the
  ;; last group of eight walk with three copies of their own lane.
  (func (export "byTree") (param $ranks i32) (param $nRows i32) (param $rowBytes i32) (param $out i32) (param $nTrees i32) (param $missing i32)
    (local $t i32) (local $i i32) (local $r i32) (local $a i32) (local $outBytes i32) (local $o i32)
    (local.set $outBytes (i32.shl (global.get $k) (i32.const 3)))
    (global.set $missing (local.get $missing))
    (block $treesDone (loop $trees
      (br_if $treesDone (i32.ge_u (local.get $t) (local.get $nTrees)))
      (local.set $a (call $root (local.get $t)))
      (local.set $i (i32.const 0))
      (block $rowsDone (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $nRows)))
        (local.set $r (i32.add (local.get $ranks) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $outBytes))))
        (if (i32.le_u (i32.add (local.get $i) (i32.const 8)) (local.get $nRows))
          (then
            (call $walk8 (i32.add (local.get $r) (i32.mul (local.get $rowBytes) (i32.const 0))) (local.get $a) (i32.add (local.get $r) (i32.mul (local.get $rowBytes) (i32.const 1))) (local.get $a) (i32.add (local.get $r) (i32.mul (local.get $rowBytes) (i32.const 2))) (local.get $a) (i32.add (local.get $r) (i32.mul (local.get $rowBytes) (i32.const 3))) (local.get $a) (i32.add (local.get $r) (i32.mul (local.get $rowBytes) (i32.const 4))) (local.get $a) (i32.add (local.get $r) (i32.mul (local.get $rowBytes) (i32.const 5))) (local.get $a) (i32.add (local.get $r) (i32.mul (local.get $rowBytes) (i32.const 6))) (local.get $a) (i32.add (local.get $r) (i32.mul (local.get $rowBytes) (i32.const 7))) (local.get $a))
            (call $addLeaf (local.get $t) (global.get $l0) (i32.add (local.get $o) (i32.mul (local.get $outBytes) (i32.const 0))))
            (call $addLeaf (local.get $t) (global.get $l1) (i32.add (local.get $o) (i32.mul (local.get $outBytes) (i32.const 1))))
            (call $addLeaf (local.get $t) (global.get $l2) (i32.add (local.get $o) (i32.mul (local.get $outBytes) (i32.const 2))))
            (call $addLeaf (local.get $t) (global.get $l3) (i32.add (local.get $o) (i32.mul (local.get $outBytes) (i32.const 3))))
            (call $addLeaf (local.get $t) (global.get $l4) (i32.add (local.get $o) (i32.mul (local.get $outBytes) (i32.const 4))))
            (call $addLeaf (local.get $t) (global.get $l5) (i32.add (local.get $o) (i32.mul (local.get $outBytes) (i32.const 5))))
            (call $addLeaf (local.get $t) (global.get $l6) (i32.add (local.get $o) (i32.mul (local.get $outBytes) (i32.const 6))))
            (call $addLeaf (local.get $t) (global.get $l7) (i32.add (local.get $o) (i32.mul (local.get $outBytes) (i32.const 7))))
            (local.set $i (i32.add (local.get $i) (i32.const 8))))
          (else
            (call $walk4 (local.get $r) (local.get $a) (local.get $r) (local.get $a) (local.get $r) (local.get $a) (local.get $r) (local.get $a))
            (call $addLeaf (local.get $t) (global.get $l0) (local.get $o))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))))
        (br $rows)))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br $trees))))
)
