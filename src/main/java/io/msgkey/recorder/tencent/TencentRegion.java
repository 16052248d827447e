package io.msgkey.recorder.tencent;

/** Tencent Chat's admin API domain per region; another region's domain answers error 60026. */
public enum TencentRegion {
    CHINA("console.tim.qq.com"),
    SINGAPORE("adminapisgp.im.qcloud.com"),
    SEOUL("adminapikr.im.qcloud.com"),
    TOKYO("adminapijpn.im.qcloud.com"),
    FRANKFURT("adminapiger.im.qcloud.com"),
    MUMBAI("adminapiind.im.qcloud.com"),
    SILICON_VALLEY("adminapiusa.im.qcloud.com"),
    JAKARTA("adminapiidn.im.qcloud.com");

    private final String domain;

    TencentRegion(String domain) {
        this.domain = domain;
    }

    public String domain() {
        return domain;
    }
}
