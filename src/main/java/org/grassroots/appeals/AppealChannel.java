package org.grassroots.appeals;

/** How an appeal came in. */
public enum AppealChannel {

	/** 码上响应: the public QR page. */
	QR,
	/** 接诉即办点: the village appeal point. */
	APPEAL_POINT,
	WALK_IN,
	PHONE,
	/** A grid worker's report from the field. */
	GRID,
	/** 12345 hotline hand-off. */
	HOTLINE_12345,
	OPEN311

}
