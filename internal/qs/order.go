package qs

import "sort"

// jsKeyOrder returns the indices of keys in the order JavaScript lists an
// object's own keys: array indices (canonical decimal integers below
// 2^32-1) in ascending numeric order, then the other keys in insertion
// order.
func jsKeyOrder(keys []string) []int {
	order := make([]int, 0, len(keys))
	var nums []int
	for i, k := range keys {
		if _, ok := arrayIndex(k); ok {
			nums = append(nums, i)
		} else {
			order = append(order, i)
		}
	}
	if len(nums) == 0 {
		return order
	}
	sort.Slice(nums, func(a, b int) bool {
		x, _ := arrayIndex(keys[nums[a]])
		y, _ := arrayIndex(keys[nums[b]])
		return x < y
	})
	return append(nums, order...)
}

// arrayIndex reports whether k is a JavaScript array index and its value.
func arrayIndex(k string) (uint64, bool) {
	if k == "" || len(k) > 10 || (len(k) > 1 && k[0] == '0') {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, n < 1<<32-1
}
