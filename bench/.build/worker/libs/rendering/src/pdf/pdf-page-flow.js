/**
 * Where the next thing goes: a page number and a y position, moving to a new
 * page when something does not fit. The renderer lays the document out twice
 * with it, once to count pages and once to draw them, so the two passes
 * cannot disagree.
 */
export class PageFlow {
    top;
    bottom;
    onNewPage;
    /** 0 until the first page starts. */
    page = 0;
    y = 0;
    constructor(top, bottom, onNewPage) {
        this.top = top;
        this.bottom = bottom;
        this.onNewPage = onNewPage;
    }
    /** Starts a new page unless `height` still fits on this one; true if it started one. */
    ensure(height) {
        if (this.page > 0 && this.y + height <= this.bottom)
            return false;
        this.newPage();
        return true;
    }
    /** Reserves `height`, on a new page if need be, and returns the y it starts at. */
    take(height) {
        this.ensure(height);
        const y = this.y;
        this.y += height;
        return y;
    }
    /** Vertical space that never starts a page of its own. */
    skip(height) {
        this.y = Math.min(this.y + height, this.bottom);
    }
    newPage() {
        this.page++;
        this.y = this.top;
        this.onNewPage(this.page);
    }
}
//# sourceMappingURL=pdf-page-flow.js.map