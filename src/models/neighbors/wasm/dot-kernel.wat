;; The dense kernel of the dot-product neighbor search (dot-product-search.ts), in WebAssembly
;; SIMD because plain JavaScript has no vector arithmetic. A block of query rows meets a tile of
;; training rows in float32 (four lanes a vector, twice float64's two): each (query, training
;; row) pair gets
;;
;;   tile[i][x] = sum_j Q[i][j] * T[x][j]      (float32, j = 0, 1, ..., p - 1 in order)
;;
;; The caller stores Q and T already centred, scaled by a power of two (Q also by -2 or -1) and
;; rounded to float32, and its bounds allow for float32's rounding.
;;
;; The sum runs over the columns of the block's list only: the caller leaves out columns where
;; all four queries of a group are zero (their terms are exact zeros), which for sparse rows
;; (TF-IDF) is most of them.
;;
;; Layout (all offsets in bytes, all values f32 but the lists and hits):
;;   queries  per group of 4 queries, per column j: the four queries' values, each repeated
;;            in all four lanes (64 bytes a column, `groupBytes` = p * 64 a group), so one
;;            v128 load gives a query's value splatted.
;;   lists    i32, per group: the columns to sum, as j * 32 (`p` entries a group, in order);
;;            counts: one i32 a group.
;;   panels   the training rows in panels of 8: panel b holds, for j = 0 .. p - 1, the eight
;;            values T[8b][j] .. T[8b+7][j] (32 bytes a column, `panelBytes` = p * 32), so two
;;            v128 loads give eight rows' column j.
;;   add      one per training row.
;;   tile     row-major, `rowBytes` a row; query i's values start at tile + i * rowBytes.
;;   caps     one per query.
;;   hits     i32, per query: `hitStride` bytes of training-row indices; counts: one i32 a query.
;;
;; Register block: 4 queries x 8 training rows = 8 f32x4 accumulators, 2 panel loads and
;; 4 query loads per column: 32 multiply-adds per 6 loads.
;;
;; The pre-filter: the search needs only the rows whose lower bound reaches the query's cap.
;; The caller sets add and caps so that any such row has tile + add <= cap here (float32, with
;; margins for its rounding); for each query and panel the kernel appends the panel's first row
;; to the query's hits when any of its eight rows passes (always writing the index, counting it
;; only on a pass, so there is no branch), and the caller tests just those rows exactly.
(module
  (memory (export "memory") 1)
  (func $dots (export "dots")
    (param $q i32) (param $nq i32) (param $panels i32) (param $np i32) (param $p i32)
    (param $lists i32) (param $listCounts i32)
    (param $add i32) (param $tile i32) (param $rowBytes i32)
    (param $firstRow i32) (param $caps i32) (param $hits i32) (param $hitStride i32) (param $counts i32)
    (local $stride i32) (local $qEnd i32) (local $panel i32) (local $panelEnd i32)
    (local $col i32) (local $colEnd i32) (local $at i32) (local $x0 i32) (local $panelBytes i32)
    (local $out i32) (local $addAt i32) (local $tileRow i32) (local $row i32)
    (local $n0 i32) (local $n1 i32) (local $n2 i32) (local $n3 i32)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $t0 v128) (local $t1 v128) (local $x v128)

    ;; $stride: bytes of one group of 4 queries.
    local.get $p i32.const 6 i32.shl local.set $stride
    local.get $p i32.const 5 i32.shl local.set $panelBytes
    local.get $q local.get $nq i32.const 2 i32.shr_u local.get $stride i32.mul i32.add local.set $qEnd
    local.get $tile local.set $tileRow
    block $queriesDone
    loop $queries
      local.get $q local.get $qEnd i32.ge_u br_if $queriesDone
      local.get $panels local.set $panel
      local.get $add local.set $addAt
      local.get $tileRow local.set $out
      local.get $firstRow local.set $row
      i32.const 0 local.tee $n0 local.tee $n1 local.tee $n2 local.set $n3
      local.get $panels local.get $np local.get $panelBytes i32.mul i32.add local.set $panelEnd
      local.get $lists local.get $listCounts i32.load i32.const 2 i32.shl i32.add local.set $colEnd
      block $panelsDone
      loop $panelLoop
        local.get $panel local.get $panelEnd i32.ge_u br_if $panelsDone
        f64.const 0 f64x2.splat local.tee $s00 local.tee $s01 local.tee $s10 local.tee $s11
        local.tee $s20 local.tee $s21 local.tee $s30 local.set $s31
        local.get $lists local.set $col
        block $columnsDone
        loop $columns
          local.get $col local.get $colEnd i32.ge_u br_if $columnsDone
          local.get $col i32.load local.tee $at local.get $panel i32.add local.tee $x0
          v128.load local.set $t0
          local.get $x0 v128.load offset=16 local.set $t1
          local.get $at i32.const 1 i32.shl local.get $q i32.add local.set $at
          local.get $at v128.load local.tee $x local.get $t0 f32x4.mul local.get $s00 f32x4.add local.set $s00
          local.get $x local.get $t1 f32x4.mul local.get $s01 f32x4.add local.set $s01
          local.get $at v128.load offset=16 local.tee $x local.get $t0 f32x4.mul local.get $s10 f32x4.add local.set $s10
          local.get $x local.get $t1 f32x4.mul local.get $s11 f32x4.add local.set $s11
          local.get $at v128.load offset=32 local.tee $x local.get $t0 f32x4.mul local.get $s20 f32x4.add local.set $s20
          local.get $x local.get $t1 f32x4.mul local.get $s21 f32x4.add local.set $s21
          local.get $at v128.load offset=48 local.tee $x local.get $t0 f32x4.mul local.get $s30 f32x4.add local.set $s30
          local.get $x local.get $t1 f32x4.mul local.get $s31 f32x4.add local.set $s31
          local.get $col i32.const 4 i32.add local.set $col
          br $columns
        end
        end
        local.get $panel local.get $panelBytes i32.add local.set $panel
        ;; Per query: store its eight sums, test them (sum + add <= cap), append the hit.
        local.get $addAt v128.load local.set $t0
        local.get $addAt v128.load offset=16 local.set $t1
        local.get $out local.get $s00 v128.store
        local.get $out local.get $s01 v128.store offset=16
        local.get $s00 local.get $t0 f32x4.add local.get $caps v128.load32_splat f32x4.le
        local.get $s01 local.get $t1 f32x4.add local.get $caps v128.load32_splat f32x4.le
        v128.or v128.any_true local.get $n0 i32.add
        local.get $hits local.get $n0 i32.const 2 i32.shl i32.add local.get $row i32.store
        local.set $n0
        local.get $out local.get $rowBytes i32.add local.set $out
        local.get $out local.get $s10 v128.store
        local.get $out local.get $s11 v128.store offset=16
        local.get $s10 local.get $t0 f32x4.add local.get $caps v128.load32_splat offset=4 f32x4.le
        local.get $s11 local.get $t1 f32x4.add local.get $caps v128.load32_splat offset=4 f32x4.le
        v128.or v128.any_true local.get $n1 i32.add
        local.get $hits local.get $hitStride i32.add local.get $n1 i32.const 2 i32.shl i32.add local.get $row i32.store
        local.set $n1
        local.get $out local.get $rowBytes i32.add local.set $out
        local.get $out local.get $s20 v128.store
        local.get $out local.get $s21 v128.store offset=16
        local.get $s20 local.get $t0 f32x4.add local.get $caps v128.load32_splat offset=8 f32x4.le
        local.get $s21 local.get $t1 f32x4.add local.get $caps v128.load32_splat offset=8 f32x4.le
        v128.or v128.any_true local.get $n2 i32.add
        local.get $hits local.get $hitStride i32.const 1 i32.shl i32.add local.get $n2 i32.const 2 i32.shl i32.add local.get $row i32.store
        local.set $n2
        local.get $out local.get $rowBytes i32.add local.set $out
        local.get $out local.get $s30 v128.store
        local.get $out local.get $s31 v128.store offset=16
        local.get $s30 local.get $t0 f32x4.add local.get $caps v128.load32_splat offset=12 f32x4.le
        local.get $s31 local.get $t1 f32x4.add local.get $caps v128.load32_splat offset=12 f32x4.le
        v128.or v128.any_true local.get $n3 i32.add
        local.get $hits local.get $hitStride i32.const 3 i32.mul i32.add local.get $n3 i32.const 2 i32.shl i32.add local.get $row i32.store
        local.set $n3
        ;; Back to the first of the four rows, 8 training rows on.
        local.get $out local.get $rowBytes i32.const 3 i32.mul i32.sub i32.const 32 i32.add local.set $out
        local.get $addAt i32.const 32 i32.add local.set $addAt
        local.get $row i32.const 8 i32.add local.set $row
        br $panelLoop
      end
      end
      local.get $counts local.get $n0 i32.store
      local.get $counts local.get $n1 i32.store offset=4
      local.get $counts local.get $n2 i32.store offset=8
      local.get $counts local.get $n3 i32.store offset=12
      local.get $counts i32.const 16 i32.add local.set $counts
      local.get $caps i32.const 16 i32.add local.set $caps
      local.get $hits local.get $hitStride i32.const 2 i32.shl i32.add local.set $hits
      local.get $q local.get $stride i32.add local.set $q
      local.get $lists local.get $p i32.const 2 i32.shl i32.add local.set $lists
      local.get $listCounts i32.const 4 i32.add local.set $listCounts
      local.get $tileRow local.get $rowBytes i32.const 2 i32.shl i32.add local.set $tileRow
      br $queries
    end
    end
  )
)
