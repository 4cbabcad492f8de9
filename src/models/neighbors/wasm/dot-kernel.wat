;; The dense kernel of the dot-product neighbor search (dot-product-search.ts), in WebAssembly
;; SIMD because plain JavaScript has no vector arithmetic: a block of query rows meets a tile of
;; training rows, and each (query, training row) gets
;;
;;   tile[i][x] = sum_j Q[i][j] * T[x][j]  +  add[x]
;;
;; summed over j = 0, 1, ..., p - 1 in order (the search's error bound holds for any order).
;; Q holds the queries already scaled by -2 (or -1), so the sum is -2 q.t with no extra rounding.
;;
;; Layout (all offsets in bytes, all values f64):
;;   queries  row-major, `stride` = p * 8 bytes a row; `nq` rows, a multiple of 4.
;;   panels   the training rows in panels of 4: panel b holds, for j = 0 .. p - 1, the four
;;            values T[4b][j], T[4b+1][j], T[4b+2][j], T[4b+3][j] (32 bytes a column), so one
;;            v128 load gives two rows' column j and the queries' value is splatted beside it.
;;   add      one value per training row (4 per panel).
;;   tile     row-major, `rowBytes` a row; query i's values start at tile + i * rowBytes.
;;
;;   bounds   per query: its base (f64) and cap (f64), 16 bytes a query.
;;   hits     per query: `hitStride` bytes of i32 training-row indices; counts: one i32 a query.
;;
;; Register block: 4 queries x 4 training rows = 8 f64x2 accumulators, 2 panel loads and
;; 4 splats per column: 16 multiply-adds of two lanes each per 6 loads.
;;
;; The filter: a query's lower bound for a row is base + tile value; the search needs only
;; the rows whose bound is at most the query's cap. For each query and panel the kernel
;; appends the panel's first row to the query's hits when any of its four rows passes
;; (always writing the index, counting it only on a pass, so there is no branch), so the
;; caller reads four values per hit instead of the whole tile. It computes base + value
;; exactly as the caller does, so it never drops a row the caller would keep.
(module
  (memory (export "memory") 1)
  (func $dots (export "dots")
    (param $q i32) (param $nq i32) (param $panels i32) (param $np i32) (param $p i32)
    (param $add i32) (param $tile i32) (param $rowBytes i32)
    (param $firstRow i32) (param $bounds i32) (param $hits i32) (param $hitStride i32) (param $counts i32)
    (local $stride i32) (local $qEnd i32) (local $panel i32) (local $panelEnd i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $aEnd i32)
    (local $out i32) (local $addAt i32) (local $tileRow i32) (local $row i32)
    (local $n0 i32) (local $n1 i32) (local $n2 i32) (local $n3 i32) (local $v v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $t0 v128) (local $t1 v128) (local $x v128) (local $zero v128)

    local.get $p i32.const 3 i32.shl local.set $stride
    local.get $q local.get $nq local.get $stride i32.mul i32.add local.set $qEnd
    f64.const 0 f64x2.splat local.set $zero
    local.get $tile local.set $tileRow
    block $queriesDone
    loop $queries
      local.get $q local.get $qEnd i32.ge_u br_if $queriesDone
      local.get $panels local.set $panel
      local.get $add local.set $addAt
      local.get $tileRow local.set $out
      local.get $firstRow local.set $row
      i32.const 0 local.tee $n0 local.tee $n1 local.tee $n2 local.set $n3
      local.get $panels local.get $np local.get $stride i32.mul i32.const 2 i32.shl i32.add local.set $panelEnd
      block $panelsDone
      loop $panelLoop
        local.get $panel local.get $panelEnd i32.ge_u br_if $panelsDone
        local.get $zero local.tee $s00 local.tee $s01 local.tee $s10 local.tee $s11
        local.tee $s20 local.tee $s21 local.tee $s30 local.set $s31
        local.get $q local.tee $a0 local.get $stride i32.add local.tee $a1
        local.get $stride i32.add local.tee $a2 local.get $stride i32.add local.set $a3
        local.get $a1 local.set $aEnd
        loop $columns
          local.get $panel v128.load local.set $t0
          local.get $panel v128.load offset=16 local.set $t1
          local.get $a0 v128.load64_splat local.tee $x local.get $t0 f64x2.mul local.get $s00 f64x2.add local.set $s00
          local.get $x local.get $t1 f64x2.mul local.get $s01 f64x2.add local.set $s01
          local.get $a1 v128.load64_splat local.tee $x local.get $t0 f64x2.mul local.get $s10 f64x2.add local.set $s10
          local.get $x local.get $t1 f64x2.mul local.get $s11 f64x2.add local.set $s11
          local.get $a2 v128.load64_splat local.tee $x local.get $t0 f64x2.mul local.get $s20 f64x2.add local.set $s20
          local.get $x local.get $t1 f64x2.mul local.get $s21 f64x2.add local.set $s21
          local.get $a3 v128.load64_splat local.tee $x local.get $t0 f64x2.mul local.get $s30 f64x2.add local.set $s30
          local.get $x local.get $t1 f64x2.mul local.get $s31 f64x2.add local.set $s31
          local.get $panel i32.const 32 i32.add local.set $panel
          local.get $a1 i32.const 8 i32.add local.set $a1
          local.get $a2 i32.const 8 i32.add local.set $a2
          local.get $a3 i32.const 8 i32.add local.set $a3
          local.get $a0 i32.const 8 i32.add local.tee $a0
          local.get $aEnd i32.lt_u br_if $columns
        end
        ;; Four tile rows, two training rows per store: query sums plus each row's add; then
        ;; each query's filter (bounds at $bounds + 16 i: base, then cap).
        local.get $addAt v128.load local.set $t0
        local.get $addAt v128.load offset=16 local.set $t1
        local.get $out local.get $s00 local.get $t0 f64x2.add local.tee $v v128.store
        local.get $v local.get $bounds v128.load64_splat f64x2.add local.get $bounds v128.load64_splat offset=8 f64x2.le
        local.get $out local.get $s01 local.get $t1 f64x2.add local.tee $v v128.store offset=16
        local.get $v local.get $bounds v128.load64_splat f64x2.add local.get $bounds v128.load64_splat offset=8 f64x2.le
        v128.or v128.any_true
        local.get $hits local.get $n0 i32.const 2 i32.shl i32.add
        local.get $row i32.store
        local.get $n0 i32.add local.set $n0
        local.get $out local.get $rowBytes i32.add local.set $out
        local.get $out local.get $s10 local.get $t0 f64x2.add local.tee $v v128.store
        local.get $v local.get $bounds v128.load64_splat offset=16 f64x2.add local.get $bounds v128.load64_splat offset=24 f64x2.le
        local.get $out local.get $s11 local.get $t1 f64x2.add local.tee $v v128.store offset=16
        local.get $v local.get $bounds v128.load64_splat offset=16 f64x2.add local.get $bounds v128.load64_splat offset=24 f64x2.le
        v128.or v128.any_true
        local.get $hits local.get $hitStride i32.add local.get $n1 i32.const 2 i32.shl i32.add
        local.get $row i32.store
        local.get $n1 i32.add local.set $n1
        local.get $out local.get $rowBytes i32.add local.set $out
        local.get $out local.get $s20 local.get $t0 f64x2.add local.tee $v v128.store
        local.get $v local.get $bounds v128.load64_splat offset=32 f64x2.add local.get $bounds v128.load64_splat offset=40 f64x2.le
        local.get $out local.get $s21 local.get $t1 f64x2.add local.tee $v v128.store offset=16
        local.get $v local.get $bounds v128.load64_splat offset=32 f64x2.add local.get $bounds v128.load64_splat offset=40 f64x2.le
        v128.or v128.any_true
        local.get $hits local.get $hitStride i32.const 2 i32.mul i32.add local.get $n2 i32.const 2 i32.shl i32.add
        local.get $row i32.store
        local.get $n2 i32.add local.set $n2
        local.get $out local.get $rowBytes i32.add local.set $out
        local.get $out local.get $s30 local.get $t0 f64x2.add local.tee $v v128.store
        local.get $v local.get $bounds v128.load64_splat offset=48 f64x2.add local.get $bounds v128.load64_splat offset=56 f64x2.le
        local.get $out local.get $s31 local.get $t1 f64x2.add local.tee $v v128.store offset=16
        local.get $v local.get $bounds v128.load64_splat offset=48 f64x2.add local.get $bounds v128.load64_splat offset=56 f64x2.le
        v128.or v128.any_true
        local.get $hits local.get $hitStride i32.const 3 i32.mul i32.add local.get $n3 i32.const 2 i32.shl i32.add
        local.get $row i32.store
        local.get $n3 i32.add local.set $n3
        ;; Back to the first of the four rows, 4 training rows on.
        local.get $out local.get $rowBytes i32.const 3 i32.mul i32.sub i32.const 32 i32.add local.set $out
        local.get $addAt i32.const 32 i32.add local.set $addAt
        local.get $row i32.const 4 i32.add local.set $row
        br $panelLoop
      end
      end
      local.get $counts local.get $n0 i32.store
      local.get $counts local.get $n1 i32.store offset=4
      local.get $counts local.get $n2 i32.store offset=8
      local.get $counts local.get $n3 i32.store offset=12
      local.get $counts i32.const 16 i32.add local.set $counts
      local.get $bounds i32.const 64 i32.add local.set $bounds
      local.get $hits local.get $hitStride i32.const 2 i32.shl i32.add local.set $hits
      local.get $q local.get $stride i32.const 2 i32.shl i32.add local.set $q
      local.get $tileRow local.get $rowBytes i32.const 2 i32.shl i32.add local.set $tileRow
      br $queries
    end
    end
  )
)
