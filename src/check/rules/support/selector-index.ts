/**
 * The reverse of label-index.ts: items that carry a label selector (NetworkPolicies and
 * their podSelector), indexed so that the items whose selector may match a given label
 * set are found without testing every item. A namespace with thousands of workloads and
 * one policy per workload would otherwise cost workloads × policies selector tests.
 *
 * Each selector is filed under one `In` requirement (the one with the fewest values): it
 * can only match labels that carry one of those values. Selectors without an `In`
 * requirement (empty, `Exists`, `NotIn`, `DoesNotExist`) are candidates for every label
 * set. Callers still decide with their own predicate: this only narrows, in input order.
 */
import type { LabelSelector } from "./label-selector.js";

export class SelectorIndex<Item> {
  private readonly items: readonly Item[];
  /** key → value → positions of the items filed under that label, ascending. */
  private readonly filed = new Map<string, Map<string, number[]>>();
  /** Positions of the items that may match any label set, ascending. */
  private readonly unfiled: number[] = [];

  constructor(items: readonly Item[], selectorOf: (item: Item) => LabelSelector) {
    this.items = items;
    items.forEach((item, position) => {
      let anchor: { key: string; values: readonly string[] } | undefined;
      for (const requirement of selectorOf(item).requirements) {
        if (requirement.operator === "In" && (anchor === undefined || requirement.values.length < anchor.values.length)) anchor = requirement;
      }
      if (anchor === undefined) {
        this.unfiled.push(position);
        return;
      }
      const values = this.filed.get(anchor.key) ?? new Map<string, number[]>();
      this.filed.set(anchor.key, values);
      for (const value of new Set(anchor.values)) {
        const list = values.get(value);
        if (list) list.push(position);
        else values.set(value, [position]);
      }
    });
  }

  /** Items whose selector may match `labels` (a superset of those that do), in input order. */
  candidates(labels: Readonly<Record<string, string>>): Item[] {
    const positions: number[] = [...this.unfiled];
    for (const [key, value] of Object.entries(labels)) {
      const list = this.filed.get(key)?.get(value);
      // Labels hold one value per key and each item is filed under one key: no position twice.
      if (list) for (const position of list) positions.push(position);
    }
    if (positions.length !== this.unfiled.length) positions.sort((left, right) => left - right);
    return positions.map((position) => this.items[position] as Item);
  }
}
