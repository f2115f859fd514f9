package dev.vigil.kit.paging;

import java.util.List;

/**
 * One page of a list: the items and the cursor of the next page, null on the last page.
 *
 * <pre>{@code
 * {"items":[...],"nextCursor":"MTIz"}
 * }</pre>
 */
public record Page<T>(List<T> items, String nextCursor) {
}
