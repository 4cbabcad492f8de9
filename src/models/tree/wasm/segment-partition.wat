;; The tree builder's hot loop (presorted-segments.ts): after a split, every feature's presorted
;; segment of the node is partitioned stably, left rows first, moving each row index and its value.
;; Plain JavaScript did about 5 ns a row here (typed-array bounds checks and no branch-free form it
;; keeps), this about 1. Addresses are byte offsets into the memory the caller passes.
(module
  (import "env" "memory" (memory 1))

  ;; For each feature j < nCols, the node's rows [start, end) of feature j's segment (which begins
  ;; at element j·m of `rows` (i32) and of `vals` (f64)) are partitioned by goLeft[row] (u8, 0 or 1),
  ;; keeping order on both sides; `tmpRows`, `tmpVals` hold the right rows meanwhile.
  (func (export "partition")
    (param $rows i32) (param $vals i32) (param $goLeft i32) (param $tmpRows i32) (param $tmpVals i32)
    (param $start i32) (param $end i32) (param $nCols i32) (param $m i32)
    (local $j i32) (local $seg i32) (local $q i32) (local $qEnd i32) (local $l i32) (local $r i32)
    (local $row i32) (local $g i32) (local $v f64)
    (block $features_done
      (loop $features
        (br_if $features_done (i32.ge_u (local.get $j) (local.get $nCols)))
        (local.set $seg (i32.mul (local.get $j) (local.get $m)))
        (local.set $q (i32.add (local.get $seg) (local.get $start)))
        (local.set $qEnd (i32.add (local.get $seg) (local.get $end)))
        (local.set $l (local.get $q))
        (local.set $r (i32.const 0))
        ;; Each row is written to both sides' next places and only its own side's index advances:
        ;; no branch on the direction, which is random in every feature but the split one.
        (block $rows_done
          (loop $each_row
            (br_if $rows_done (i32.ge_u (local.get $q) (local.get $qEnd)))
            (local.set $row (i32.load (i32.add (local.get $rows) (i32.shl (local.get $q) (i32.const 2)))))
            (local.set $v (f64.load (i32.add (local.get $vals) (i32.shl (local.get $q) (i32.const 3)))))
            (local.set $g (i32.load8_u (i32.add (local.get $goLeft) (local.get $row))))
            (i32.store (i32.add (local.get $rows) (i32.shl (local.get $l) (i32.const 2))) (local.get $row))
            (f64.store (i32.add (local.get $vals) (i32.shl (local.get $l) (i32.const 3))) (local.get $v))
            (i32.store (i32.add (local.get $tmpRows) (i32.shl (local.get $r) (i32.const 2))) (local.get $row))
            (f64.store (i32.add (local.get $tmpVals) (i32.shl (local.get $r) (i32.const 3))) (local.get $v))
            (local.set $l (i32.add (local.get $l) (local.get $g)))
            (local.set $r (i32.add (local.get $r) (i32.sub (i32.const 1) (local.get $g))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $each_row)))
        ;; The right rows follow the left ones.
        (memory.copy
          (i32.add (local.get $rows) (i32.shl (local.get $l) (i32.const 2)))
          (local.get $tmpRows)
          (i32.shl (local.get $r) (i32.const 2)))
        (memory.copy
          (i32.add (local.get $vals) (i32.shl (local.get $l) (i32.const 3)))
          (local.get $tmpVals)
          (i32.shl (local.get $r) (i32.const 3)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $features)))))
